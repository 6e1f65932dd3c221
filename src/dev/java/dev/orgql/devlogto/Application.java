package dev.orgql.devlogto;

/**
 * A Logto application. {@code secret} is the client secret the token endpoint checks (never rendered);
 * {@code managementApi} marks apps whose client-credentials tokens get the Management API {@code all} scope.
 */
public record Application(
        String id,
        String name,
        String description,
        String type,
        String secret,
        boolean isThirdParty,
        boolean managementApi,
        long createdAt) {
    public static final String MACHINE_TO_MACHINE = "MachineToMachine";

    public boolean isMachineToMachine() {
        return MACHINE_TO_MACHINE.equals(type);
    }
}
