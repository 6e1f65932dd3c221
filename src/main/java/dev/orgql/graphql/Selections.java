package dev.orgql.graphql;

import graphql.schema.SelectedField;

/**
 * What a prefetch ({@link OrganizationPrefetch}) asks of its selection, answered by walking the selected
 * fields level by level. Not graphql-java's {@code contains("**&#47;roles")}: that lists the whole sub-tree
 * with every qualified name and compiles a glob pattern on each call, a measurable part of a dashboard.
 */
public final class Selections {
    private Selections() {}

    /** Whether a field called {@code name} is selected directly under {@code field}. */
    public static boolean selectsDirectly(SelectedField field, String name) {
        for (SelectedField child : field.getSelectionSet().getImmediateFields()) {
            if (child.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a field called {@code name} is selected anywhere under {@code field}. */
    public static boolean selectsAnywhere(SelectedField field, String name) {
        for (SelectedField child : field.getSelectionSet().getImmediateFields()) {
            if (child.getName().equals(name) || selectsAnywhere(child, name)) {
                return true;
            }
        }
        return false;
    }
}
