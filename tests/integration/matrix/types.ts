/** Shared vocabulary of the authorization matrix (tests/integration/authorization-matrix.test.ts). */
export const ROLES = ["anonymous", "mediatorA", "managerA", "coordinatorA", "staffB", "partner", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const SIGNED_IN = ROLES.filter((r) => r !== "anonymous");

/** An expected answer: a status, or a redirect to a path prefix. */
export type Expected = number | { redirect: string };
export type Rule = Expected | Partial<Record<Role, Expected>> & { default: Expected };
export type ForgedVariant = "no token" | "wrong token" | "another person's token" | "cross-site with the right token";
export type RouteCase = {
  /** A URL that reaches the route. */
  url: string;
  get: Rule;
  /** POST from our own page with the session's token (when the route has an action, what it answers). */
  post: Rule;
  /**
   * POST without the token, with a wrong one, another person's, or the right one sent
   * cross-site (Sec-Fetch-Site) — for routes whose action changes state. A POST whose
   * Origin names another site is refused with `fromElsewhere`: 400 by React Router itself
   * for page routes, 403 by ours for resource routes (which React Router does not check).
   */
  forged?: Rule | ((role: Role, variant: ForgedVariant) => Expected);
  fromElsewhere?: number;
};

export const toSignIn = (back: string) => ({ redirect: `/connexion?retour=${encodeURIComponent(back)}` });

