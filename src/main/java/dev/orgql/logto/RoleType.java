package dev.orgql.logto;

/**
 * The {@code type} of an organization role in Logto; the names match the SDL's {@code RoleType}. Logto
 * creates a role without a type as a user role, so anything but {@code MachineToMachine} is one.
 */
public enum RoleType {
    USER("User"),
    MACHINE_TO_MACHINE("MachineToMachine");

    private final String logtoName;

    RoleType(String logtoName) {
        this.logtoName = logtoName;
    }

    /** The value of Logto's {@code type} field. */
    public String logtoName() {
        return logtoName;
    }

    /** The type of a role whose Logto {@code type} field is {@code logtoName} (null or absent: a user role). */
    public static RoleType of(String logtoName) {
        return MACHINE_TO_MACHINE.logtoName.equals(logtoName) ? MACHINE_TO_MACHINE : USER;
    }
}
