package dev.orgql.joinrule;

import dev.orgql.auth.ApiPermission;
import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.Caller;
import dev.orgql.graphql.Mutations.UserErrorException;
import dev.orgql.graphql.RequestContext;
import dev.orgql.graphql.UserError;
import dev.orgql.graphql.UserErrorCode;
import dev.orgql.user.UserLoader;
import dev.orgql.user.UserView;
import graphql.schema.DataFetchingEnvironment;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.dataloader.DataLoader;

/**
 * What the gateway checks about a join email domain before Logto sees it. Logto stores any non-empty
 * text (recordings 75a-75d: {@code not a domain}, {@code @x.com}, {@code gmail.com}) and never checks
 * that the organization owns the domain, so an admin adding {@code gmail.com} would pull every Gmail
 * user who registers into their organization: the checks here stand between.
 */
@Singleton
class DomainRules {
    /** Free-mail providers whose users are anyone; extended by {@code orgql.join-rules.public-email-domains}. */
    static final Set<String> BUILT_IN_PUBLIC = Set.of(
            "gmail.com",
            "googlemail.com",
            "outlook.com",
            "hotmail.com",
            "hotmail.co.uk",
            "live.com",
            "msn.com",
            "yahoo.com",
            "yahoo.co.uk",
            "yahoo.co.jp",
            "yahoo.fr",
            "ymail.com",
            "rocketmail.com",
            "aol.com",
            "icloud.com",
            "me.com",
            "mac.com",
            "proton.me",
            "protonmail.com",
            "pm.me",
            "tutanota.com",
            "tuta.io",
            "gmx.com",
            "gmx.net",
            "gmx.de",
            "web.de",
            "mail.com",
            "mail.ru",
            "yandex.com",
            "yandex.ru",
            "zoho.com",
            "qq.com",
            "163.com",
            "126.com",
            "sina.com",
            "naver.com",
            "hanmail.net",
            "fastmail.com",
            "hey.com",
            "t-online.de",
            "orange.fr",
            "free.fr",
            "libero.it",
            "seznam.cz",
            "wp.pl",
            "rediffmail.com");

    /** A label: letters, digits, hyphens inside; the last label (the TLD) holds a letter. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Pattern TLD = Pattern.compile("([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    private final Set<String> publicDomains;
    private final boolean ownDomainOnly;
    private final String liftingScope;

    DomainRules(JoinRulesConfig config, AuthConfig auth) {
        Set<String> all = new HashSet<>(BUILT_IN_PUBLIC);
        config.getPublicEmailDomains().stream()
                .map(String::trim)
                .filter(d -> !d.isEmpty())
                .map(d -> d.toLowerCase(Locale.ROOT))
                .forEach(all::add);
        this.publicDomains = Set.copyOf(all);
        this.ownDomainOnly = config.isOwnDomainOnly();
        this.liftingScope = auth.scopeFor(ApiPermission.MANAGE_JOIN_RULES);
    }

    /** The domain lower-cased; an {@code INVALID_EMAIL_DOMAIN} user error when it is no domain. */
    static String normalize(String raw, String... field) {
        String domain = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        String problem = problem(domain);
        if (problem != null) {
            throw new UserErrorException(UserError.of(
                    UserErrorCode.INVALID_EMAIL_DOMAIN,
                    "`" + printable(raw) + "` is not an email domain: " + problem + ".",
                    field));
        }
        return domain;
    }

    private static String problem(String domain) {
        if (domain.isEmpty()) {
            return "it is empty";
        }
        if (domain.length() > 253) {
            return "a domain has at most 253 characters";
        }
        if (domain.contains("@")) {
            return "give the part after `@` only";
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return "it needs at least two labels, such as `example.com`";
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "each dot-separated label is 1 to 63 letters (a-z), digits or inner hyphens;"
                        + " write an international domain in its `xn--` form";
            }
        }
        if (!TLD.matcher(labels[labels.length - 1]).matches()) {
            return "its last label is not a top-level domain";
        }
        return null;
    }

    /** The text in a message: control characters never go back raw. */
    private static String printable(String raw) {
        if (raw == null) {
            return "";
        }
        String shown = raw.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }

    void requireNotPublic(String domain, String... field) {
        for (String candidate = domain; candidate != null; candidate = parent(candidate)) {
            if (publicDomains.contains(candidate)) {
                throw new UserErrorException(UserError.of(
                        UserErrorCode.PUBLIC_EMAIL_DOMAIN,
                        "`" + domain + "` belongs to a public email provider: anyone can have an address there,"
                                + " so it cannot admit people to one organization. Invite them instead.",
                        field));
            }
        }
    }

    /**
     * Completes with a check of the own-domain rule for this caller: their primary email's domain, read
     * once through the request's user loader, or no check at all when the rule is off or lifted.
     */
    CompletableFuture<OwnDomain> ownDomain(DataFetchingEnvironment env) {
        Caller caller = RequestContext.of(env).caller();
        if (!ownDomainOnly || caller.apiScopes().contains(liftingScope)) {
            return CompletableFuture.completedFuture(OwnDomain.ANY);
        }
        DataLoader<String, UserView> users = UserLoader.KEY.in(env);
        CompletableFuture<UserView> user = users.load(caller.subject());
        users.dispatch();
        return user.thenApply(found -> {
            String email = found == null ? null : found.primaryEmail();
            int at = email == null ? -1 : email.lastIndexOf('@');
            return new OwnDomain(at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT), liftingScope);
        });
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? null : domain.substring(dot + 1);
    }

    /** The own-domain rule for one caller; {@code domain} null means the caller has no primary email. */
    record OwnDomain(String domain, String liftingScope) {
        static final OwnDomain ANY = new OwnDomain(null, null);

        void require(String candidate, String... field) {
            if (liftingScope == null) {
                return;
            }
            if (domain != null && (candidate.equals(domain) || candidate.endsWith("." + domain))) {
                return;
            }
            String whose = domain == null
                    ? "you have no primary email, so no domain of yours can be checked"
                    : "it is neither `" + domain + "` (your primary email's domain) nor a subdomain of it";
            throw new UserErrorException(UserError.of(
                    UserErrorCode.FOREIGN_EMAIL_DOMAIN,
                    "`" + candidate + "` cannot be added: " + whose + ". An operator holding the API scope `"
                            + liftingScope + "` can add it.",
                    field));
        }
    }

    /** Lower-cased and checked for syntax and public providers, in order; field index per element. */
    List<String> normalizeAll(List<String> raw, String... field) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String[] path = java.util.Arrays.copyOf(field, field.length + 1);
            path[field.length] = String.valueOf(i);
            String domain = normalize(raw.get(i), path);
            if (!out.contains(domain)) {
                out.add(domain);
            }
        }
        return out;
    }
}
