package dev.orgql.logto;

/** A successful Management API answer: status, raw body and the paging total. */
record LogtoResponse(int status, byte[] body, Integer totalNumber) {}
