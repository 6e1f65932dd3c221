// What a frontend writes against orgql with the generated types: a typed request helper, an exhaustive
// reading of extensions.code, and code that uses the README's operations. Compiled with tsc --strict.
import type {
  CreateOrganizationMutation,
  CreateOrganizationMutationVariables,
  DashboardQuery,
  MyInvitationsQuery,
} from "./generated/operations";
import type { ErrorCode } from "./generated/schema";
import type { JsonValue } from "./scalars";

/** One GraphQL error as orgql sends it: every error carries extensions.code. */
export interface OrgqlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions: { code: ErrorCode; retryAfterSeconds?: number; requestId?: string };
}

/** A GraphQL response: data and errors may both be present (partial data). */
export interface OrgqlResponse<TData> {
  data?: TData | null;
  errors?: OrgqlError[];
}

export async function request<TData, TVariables>(
  endpoint: string,
  token: string,
  query: string,
  variables: TVariables,
): Promise<OrgqlResponse<TData>> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/graphql-response+json, application/json",
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as OrgqlResponse<TData>;
}

/** Whether an error is worth retrying later, and when. Exhaustive: a new code fails this build. */
export function retryAfter(error: OrgqlError): number | null {
  const code: ErrorCode = error.extensions.code;
  switch (code) {
    case "RATE_LIMITED":
    case "UPSTREAM_BUSY":
    case "UPSTREAM_UNAVAILABLE":
      return error.extensions.retryAfterSeconds ?? 1;
    case "UPSTREAM_ERROR":
    case "UPSTREAM_TIMEOUT":
      return 1;
    case "PERSISTED_QUERY_NOT_FOUND":
      // Apollo's and urql's persisted-query links resend with the document by themselves.
      return 0;
    case "PERSISTED_QUERY_NOT_SUPPORTED":
    case "PERSISTED_QUERY_NOT_ALLOWED":
    case "UNAUTHENTICATED":
    case "FORBIDDEN":
    case "NOT_FOUND":
    case "BAD_USER_INPUT":
    case "QUERY_TOO_COMPLEX":
    case "CONFLICT":
    case "INTERNAL_ERROR":
      return null;
    default: {
      const unknown: never = code;
      return unknown;
    }
  }
}

/** The dashboard's member lines: whatever part of the answer came back. */
export function memberLines(data: DashboardQuery): string[] {
  const nodes = data.organization?.members?.nodes ?? [];
  return nodes.map((member) => {
    const who = member.user.name ?? member.user.primaryEmail ?? "(no name)";
    const roles = member.roles?.map((role) => role.name).join(", ");
    return `${who}: ${roles ?? "roles unavailable"}`;
  });
}

export function pendingInvitationCount(data: MyInvitationsQuery): number {
  return data.viewer?.invitations?.totalCount ?? 0;
}

export function expiringBefore(data: DashboardQuery, when: Date): string[] {
  const nodes = data.organization?.invitations?.nodes ?? [];
  return nodes.filter((invitation) => new Date(invitation.expiresAt) < when).map((i) => i.invitee);
}

export function createOrganizationVariables(name: string, plan: JsonValue): CreateOrganizationMutationVariables {
  return { input: { name, customData: { plan } } };
}

export function createdId(result: CreateOrganizationMutation): string | null {
  const payload = result.createOrganization;
  if (payload === null || payload.userErrors.length > 0) {
    return null;
  }
  return payload.organization?.id ?? null;
}
