package dev.orgql.devlogto;

/** An API resource (indicator = the audience of its tokens). */
public record ApiResource(String id, String name, String indicator) {}
