package dev.orgql.joinrule;

/**
 * The GraphQL {@code JoinRules} of one organization; its lists are read by their own fetchers.
 *
 * @param snapshot part of the read keys: a mutation's answer reads afresh, not what the same request
 *                 read before the change
 */
public record JoinRulesView(String organizationId, String snapshot) {
    static final String BEFORE_ANY_CHANGE = "";
}
