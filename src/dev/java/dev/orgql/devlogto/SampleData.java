package dev.orgql.devlogto;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The deterministic sample tenant (fixed seed and fixed ids for the entities docs and tests refer to):
 * the default organization template, four organizations, about 60 users, bots and invitations.
 *
 * <ul>
 *   <li>{@link #ADMIN_USER_ID} Ada Admin ({@code ada@example.com}) is {@code admin} in every organization.</li>
 *   <li>{@link #MEMBER_USER_ID} Mia Member is {@code member} in Acme Corp and Globex.</li>
 *   <li>{@link #LONER_USER_ID} Nora Nobody belongs to no organization (and has a pending invitation to Globex).</li>
 *   <li>Acme Corp has 55 members, so paging shows, and join rules: domain {@link #ACME_JOIN_DOMAIN}, role {@code member}.</li>
 * </ul>
 */
public final class SampleData {
    public static final String ADMIN_USER_ID = "devadmin0001";
    public static final String ADMIN_EMAIL = "ada@example.com";
    public static final String MEMBER_USER_ID = "devmember001";
    public static final String MEMBER_EMAIL = "mia@example.com";
    public static final String LONER_USER_ID = "devnoorgs001";
    public static final String LONER_EMAIL = "nora@example.com";

    public static final String ACME_ORG_ID = "acmecorp0001";
    /** Acme's join email domain: the domain of {@link #ADMIN_EMAIL}; its default role is {@code member}. */
    public static final String ACME_JOIN_DOMAIN = "example.com";

    public static final String GLOBEX_ORG_ID = "globexcorp01";
    public static final String INITECH_ORG_ID = "initech00001";
    public static final String HOOLI_ORG_ID = "hooli0000001";

    /** In Acme Corp with role {@code bot}. */
    public static final String DEPLOY_BOT_ID = "botdeploy000000000001";

    public static final String DEPLOY_BOT_SECRET = "dev-secret-deploy-bot";
    /** In Acme Corp and Globex with role {@code bot}. */
    public static final String BILLING_BOT_ID = "botbilling00000000001";

    public static final String BILLING_BOT_SECRET = "dev-secret-billing-bot";
    /** A machine-to-machine app in no organization. */
    public static final String REPORTS_BOT_ID = "botreports00000000001";

    public static final String REPORTS_BOT_SECRET = "dev-secret-reports-bot";

    public static final List<String> ORGANIZATION_SCOPES = List.of(
            "read:data",
            "write:data",
            "delete:data",
            "invite:member",
            "manage:member",
            "delete:member",
            "manage:organization",
            "delete:organization");
    public static final List<String> MEMBER_SCOPES = List.of("read:data", "write:data", "invite:member");
    public static final List<String> BOT_SCOPES = List.of("read:data");
    /** Scopes registered on the gateway's API resource when {@link StandInOptions#apiResource()} is set. */
    public static final List<String> API_SCOPES = List.of("create:organization", "manage:template");

    /** 2026-01-05T09:00:00Z; sample users are created an hour apart from here. */
    static final long EPOCH = 1_767_603_600_000L;

    private static final String[] FIRST = {
        "Liam",
        "Olivia",
        "Noah",
        "Emma",
        "Oliver",
        "Amelia",
        "Elijah",
        "Sophia",
        "James",
        "Isabella",
        "William",
        "Ava",
        "Benjamin",
        "Mia",
        "Lucas",
        "Evelyn",
        "Henry",
        "Harper",
        "Theodore",
        "Luna",
        "Jack",
        "Camila",
        "Levi",
        "Gianna",
        "Alexander",
        "Elizabeth",
        "Jackson",
        "Eleanor",
        "Mateo",
        "Ella",
        "Daniel",
        "Abigail",
        "Michael",
        "Sofia",
        "Mason",
        "Avery",
        "Sebastian",
        "Scarlett",
        "Ethan",
        "Emily",
        "Logan",
        "Aria",
        "Owen",
        "Penelope",
        "Samuel",
        "Chloe",
        "Jacob",
        "Layla",
        "Asher",
        "Mila",
        "Aiden",
        "Nora",
        "John",
        "Hazel",
        "Joseph",
        "Madison",
        "Wyatt",
        "Ellie"
    };
    private static final String[] LAST = {
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Garcia",
        "Miller",
        "Davis",
        "Rodriguez",
        "Martinez",
        "Hernandez",
        "Lopez",
        "Gonzalez",
        "Wilson",
        "Anderson",
        "Thomas",
        "Taylor",
        "Moore",
        "Jackson",
        "Martin",
        "Lee",
        "Perez",
        "Thompson",
        "White",
        "Harris",
        "Sanchez",
        "Clark",
        "Ramirez",
        "Lewis",
        "Robinson",
        "Walker",
        "Young",
        "Allen",
        "King",
        "Wright",
        "Scott",
        "Torres",
        "Nguyen",
        "Hill",
        "Flores"
    };

    private SampleData() {}

    static void seed(StandInData data, StandInOptions options) {
        long now = data.now();
        Random random = new Random(options.seed());

        // Template
        List<String> scopeIds = new ArrayList<>();
        String[] descriptions = {
            "Read organization data",
            "Create and edit organization data",
            "Delete organization data",
            "Invite people to the organization",
            "Change members' roles",
            "Remove members from the organization",
            "Edit the organization's profile",
            "Delete the organization"
        };
        for (int i = 0; i < ORGANIZATION_SCOPES.size(); i++) {
            scopeIds.add(data.createScope(ORGANIZATION_SCOPES.get(i), descriptions[i])
                    .id());
        }
        String admin = data.createRole(
                        "admin", "Full control of the organization", OrganizationRole.USER, scopeIds, List.of())
                .id();
        String member = data.createRole(
                        "member",
                        "Works with the organization's data",
                        OrganizationRole.USER,
                        idsOf(data, MEMBER_SCOPES),
                        List.of())
                .id();
        String bot = data.createRole(
                        "bot",
                        "Machine access for integrations",
                        OrganizationRole.MACHINE_TO_MACHINE,
                        idsOf(data, BOT_SCOPES),
                        List.of())
                .id();
        if (options.apiResource() != null) data.createResource("orgql API", options.apiResource(), API_SCOPES);

        // Organizations
        org(data, ACME_ORG_ID, "Acme Corp", "Makers of fine anvils and rocket skates", "{\"plan\":\"enterprise\"}", 0);
        org(
                data,
                GLOBEX_ORG_ID,
                "Globex",
                "Globex Corporation, the company that gets things done",
                "{\"plan\":\"pro\"}",
                1);
        org(data, INITECH_ORG_ID, "Initech", "Software for the TPS report era", "{}", 2);
        org(data, HOOLI_ORG_ID, "Hooli", null, "{}", 3);

        // Users: three well-known ones, then generated people with unique names.
        data.insertUser(ADMIN_USER_ID, "ada", ADMIN_EMAIL, null, "Ada Admin", null, true, EPOCH);
        data.insertUser(MEMBER_USER_ID, "mia", MEMBER_EMAIL, null, "Mia Member", null, true, EPOCH + 60_000);
        data.insertUser(LONER_USER_ID, "nora", LONER_EMAIL, null, "Nora Nobody", null, true, EPOCH + 120_000);
        List<String> people = new ArrayList<>();
        List<String> usedNames = new ArrayList<>();
        while (people.size() < 57) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String handle = (first + "." + last).toLowerCase();
            if (usedNames.contains(handle)) continue;
            usedNames.add(handle);
            String phone = people.size() % 4 == 0 ? "+1415555" + String.format("%04d", 1000 + people.size()) : null;
            User u = data.insertUser(
                    data.ids().shortId(),
                    handle.replace('.', '_'),
                    handle + "@example.com",
                    phone,
                    first + " " + last,
                    null,
                    people.size() % 3 != 0,
                    EPOCH + 3_600_000L * (people.size() + 1));
            people.add(u.id());
        }

        // Memberships
        for (String org : List.of(ACME_ORG_ID, GLOBEX_ORG_ID, INITECH_ORG_ID, HOOLI_ORG_ID)) {
            data.addMembers(org, List.of(ADMIN_USER_ID));
            data.assignUserRoles(org, ADMIN_USER_ID, List.of(admin));
        }
        for (String org : List.of(ACME_ORG_ID, GLOBEX_ORG_ID)) {
            data.addMembers(org, List.of(MEMBER_USER_ID));
            data.assignUserRoles(org, MEMBER_USER_ID, List.of(member));
        }
        addPeople(data, ACME_ORG_ID, people.subList(0, 53), admin, member);
        addPeople(data, GLOBEX_ORG_ID, people.subList(40, 50), admin, member);
        addPeople(data, INITECH_ORG_ID, people.subList(50, 55), admin, member);
        // people 55 and 56 stay outside every organization, like Nora.

        // Join rules: Acme admits new users of Ada's own email domain as members, so the feature shows in
        // GraphiQL and the gateway's own-domain rule admits Ada's edits of it.
        data.addJitEmailDomain(ACME_ORG_ID, ACME_JOIN_DOMAIN);
        data.addJitRoles(ACME_ORG_ID, List.of(member));

        // Applications: bots, a third one in no organization, and non-M2M apps (which cannot join organizations).
        data.createApplication(
                DEPLOY_BOT_ID,
                "Deploy bot",
                "Deploys from CI",
                Application.MACHINE_TO_MACHINE,
                DEPLOY_BOT_SECRET,
                false);
        data.createApplication(
                BILLING_BOT_ID,
                "Billing sync",
                "Syncs invoices to accounting",
                Application.MACHINE_TO_MACHINE,
                BILLING_BOT_SECRET,
                false);
        data.createApplication(
                REPORTS_BOT_ID, "Reports exporter", null, Application.MACHINE_TO_MACHINE, REPORTS_BOT_SECRET, false);
        data.createApplication(
                options.devSpaAppId(), "orgql dev SPA", "Client id of developer user tokens", "SPA", null, false);
        data.createApplication("acmewebapp00000000001", "Acme web portal", null, "Traditional", null, false);
        data.createApplication("acmeiosapp00000000001", "Acme iOS", null, "Native", null, false);
        data.addApps(ACME_ORG_ID, List.of(DEPLOY_BOT_ID, BILLING_BOT_ID));
        data.addApps(GLOBEX_ORG_ID, List.of(BILLING_BOT_ID));
        data.assignAppRoles(ACME_ORG_ID, DEPLOY_BOT_ID, List.of(bot));
        data.assignAppRoles(ACME_ORG_ID, BILLING_BOT_ID, List.of(bot));
        data.assignAppRoles(GLOBEX_ORG_ID, BILLING_BOT_ID, List.of(bot));

        // Invitations relative to start-up, so "pending" stays pending for a week and "expired" is expired.
        long day = 86_400_000L;
        invite(
                data,
                ADMIN_USER_ID,
                "grace.hopper@example.com",
                ACME_ORG_ID,
                member,
                "Pending",
                now - day,
                now + 7 * day);
        invite(
                data,
                MEMBER_USER_ID,
                "alan.turing@example.com",
                ACME_ORG_ID,
                member,
                "Pending",
                now - 2 * day,
                now + 5 * day);
        invite(data, ADMIN_USER_ID, LONER_EMAIL, GLOBEX_ORG_ID, member, "Pending", now - 3 * day, now + 4 * day);
        invite(
                data,
                people.get(0),
                "old.friend@example.com",
                ACME_ORG_ID,
                member,
                "Pending",
                now - 30 * day,
                now - 23 * day);
        invite(
                data,
                ADMIN_USER_ID,
                "ex.contractor@example.com",
                INITECH_ORG_ID,
                admin,
                "Revoked",
                now - 10 * day,
                now - 3 * day);
        invite(
                data,
                ADMIN_USER_ID,
                "katherine.johnson@example.com",
                GLOBEX_ORG_ID,
                admin,
                "Pending",
                now - 4 * day,
                now + 3 * day);
    }

    private static List<String> idsOf(StandInData data, List<String> scopeNames) {
        return scopeNames.stream()
                .map(n -> data.scopes().stream()
                        .filter(s -> s.name().equals(n))
                        .findFirst()
                        .orElseThrow()
                        .id())
                .toList();
    }

    private static void org(
            StandInData data, String id, String name, String description, String customData, int order) {
        try {
            data.putOrganization(new Organization(
                    id,
                    name,
                    description,
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(customData),
                    false,
                    Json.object(),
                    Json.object(),
                    null,
                    EPOCH - 86_400_000L * (10 - order)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every 10th person is an admin, the rest members. */
    private static void addPeople(StandInData data, String org, List<String> people, String admin, String member) {
        data.addMembers(org, people);
        for (int i = 0; i < people.size(); i++) {
            data.assignUserRoles(org, people.get(i), List.of(i % 10 == 9 ? admin : member));
        }
    }

    private static void invite(
            StandInData data,
            String inviter,
            String invitee,
            String org,
            String role,
            String status,
            long createdAt,
            long expiresAt) {
        data.putInvitation(new Invitation(
                data.ids().standardId(),
                inviter,
                invitee,
                null,
                org,
                status,
                createdAt,
                status.equals("Revoked") ? createdAt + 86_400_000L : createdAt,
                expiresAt,
                List.of(role)));
    }
}
