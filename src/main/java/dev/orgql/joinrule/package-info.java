/**
 * Join rules: an organization's just-in-time provisioning in Logto (email domains, default roles, SSO
 * connectors), read through the request's context and changed with the domain checks Logto leaves out.
 */
package dev.orgql.joinrule;
