package dev.orgql.devlogto;

/** A role of the organization template; {@code type} is {@code User} or {@code MachineToMachine}. */
public record OrganizationRole(String id, String name, String description, String type) {
    public static final String USER = "User";
    public static final String MACHINE_TO_MACHINE = "MachineToMachine";
}
