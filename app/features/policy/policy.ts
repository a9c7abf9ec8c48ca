/**
 * The one answer to "may this user do this to that". Pure: it works on a loaded
 * Principal (the user and their memberships) and a target described by ids, so every
 * loader, action and API route asks the same question the same way.
 */

export type Membership =
  | { role: "coordinator"; networkId: string }
  | { role: "manager" | "mediator"; placeId: string }
  /** A partner adviser: of a partner organisation, which belongs to one network. */
  | { role: "partner"; partnerId: string; networkId: string };

export type Principal = {
  userId: string;
  isPlatformAdmin: boolean;
  memberships: readonly Membership[];
};

/** A place and the networks it belongs to (a coordinator acts on the places of their network). */
export type PlaceTarget = { placeId: string; networkIds: readonly string[] };
export type NetworkTarget = { networkId: string };
/** A partner organisation. */
export type PartnerTarget = { partnerId: string };
/** A partner organisation and a place it refers people to (with the place's networks). */
export type ReferTarget = { partnerId: string } & PlaceTarget;
/** A referral: who sent it, and the place it was sent to. */
export type ReferralTarget = { partnerId: string; placeId: string };

type Targets = {
  /** Open the place's back-office pages (read). */
  "place.view-backoffice": PlaceTarget;
  /** Change the place's information and hours. */
  "place.edit": PlaceTarget;
  "place.publish": PlaceTarget;
  "place.staff.invite": PlaceTarget;
  /** Read the public's error reports about the place and mark them dealt with. */
  "place.reports": PlaceTarget;
  /** See the place's agenda (its mediators and managers; its networks' coordinators, read only). */
  "place.agenda.view": PlaceTarget;
  /** Run the agenda: book on behalf, seat a walk-in, mark attendance, cancel or move a booking. */
  "place.agenda": PlaceTarget;
  /** Set up the place's resources, their rules, closures, booking settings and calendar feeds; override the rules when booking. */
  "place.resources": PlaceTarget;
  /** Workshops, drop-ins, events and their sessions: create, edit, cancel, move; registrants, sign-in sheet, attendance (mediators, managers). */
  "place.workshops": PlaceTarget;
  /** A mobile EPN's stops (where the bus parks) and when it comes (managers). */
  "place.stops": PlaceTarget;
  /** Record help given (« accompagnements »), follow people by name (« bénéficiaires »), their rights (managers, mediators; never coordinators: names stay at the place). */
  "place.mediation": PlaceTarget;
  /** The place's mediation settings: how long a followed person is kept without activity (managers). */
  "place.mediation.settings": PlaceTarget;
  /** The desk's till (« Caisse »): sell, print and send receipts, correct a sale, open the cash day, see the place's sales, members and credit (managers, mediators; never coordinators). */
  "place.sales": PlaceTarget;
  /** Tariffs, reduced-rate categories, the cash office's words; close a cash day; the month's journal export (managers). */
  "place.sales.manage": PlaceTarget;
  /** The place's figures, without names (its managers and mediators, its networks' coordinators). */
  "place.statistics": PlaceTarget;
  /** The network's figures, without names (its coordinators). */
  "network.statistics": NetworkTarget;
  "network.manage": NetworkTarget;
  "network.import": NetworkTarget;
  /** The network's partner organisations: create them, invite their advisers, their webhooks and API keys, the referral rules (coordinators). */
  "network.partners": NetworkTarget;
  /** Follow the organisation's referrals, send a place's details to a person (the organisation's advisers). */
  "partner.follow": PartnerTarget;
  /** Refer a person to a place of the organisation's network, and book for them there (the organisation's advisers). */
  "partner.refer": ReferTarget;
  /** Read a referral with the person's details (the sending organisation's advisers, the receiving place's staff; nobody else). */
  "referral.view": ReferralTarget;
  /** The place's referrals inbox: accept, refuse, note a contact attempt, book, close (managers, mediators). */
  "place.referrals": PlaceTarget;
  /** Read the audit log of a place (its managers, its networks' coordinators) or of a network (its coordinators). */
  "audit.view": PlaceTarget | NetworkTarget;
  /** The network's calls for projects: build and publish them, read the submitted applications, instruct, assign reviewers, decide, the label's reports (coordinators). A reviewer's access is their assignment (app/features/calls/reviews.server.ts), not a role. */
  "network.calls": NetworkTarget;
  /** Apply to calls for projects for the place: drafts, files, submission, messages, renewals (its managers only: an application commits the place). */
  "place.applications": PlaceTarget;
  "platform.admin": null;
};

export type Action = keyof Targets;
export const ACTIONS = [
  "place.view-backoffice",
  "place.edit",
  "place.publish",
  "place.staff.invite",
  "place.reports",
  "place.agenda.view",
  "place.agenda",
  "place.resources",
  "place.workshops",
  "place.stops",
  "place.mediation",
  "place.mediation.settings",
  "place.sales",
  "place.sales.manage",
  "place.statistics",
  "network.statistics",
  "network.manage",
  "network.import",
  "network.partners",
  "partner.follow",
  "partner.refer",
  "referral.view",
  "place.referrals",
  "audit.view",
  "network.calls",
  "place.applications",
  "platform.admin",
] as const satisfies readonly Action[];

function hasPlaceRole(principal: Principal, placeId: string, roles: readonly ("manager" | "mediator")[]): boolean {
  return principal.memberships.some((m) => (m.role === "manager" || m.role === "mediator") && m.placeId === placeId && roles.includes(m.role));
}

function advises(principal: Principal, partnerId: string): boolean {
  return principal.memberships.some((m) => m.role === "partner" && m.partnerId === partnerId);
}

function coordinates(principal: Principal, networkIds: readonly string[]): boolean {
  return principal.memberships.some((m) => m.role === "coordinator" && networkIds.includes(m.networkId));
}

export function can<A extends Action>(principal: Principal | null, action: A, target: Targets[A]): boolean {
  if (!principal) return false;
  // Names of followed people stay with the place's staff: not even the platform admin reads them.
  if (action === "place.mediation" || action === "place.sales") return hasPlaceRole(principal, (target as PlaceTarget).placeId, ["manager", "mediator"]);
  // Sales name the people who paid: the till is the place's own, likewise.
  if (action === "place.sales.manage") return hasPlaceRole(principal, (target as PlaceTarget).placeId, ["manager"]);
  // A referred person's details go from the adviser's organisation to the receiving place, and no further.
  if (action === "partner.follow") return advises(principal, (target as PartnerTarget).partnerId);
  if (action === "partner.refer") {
    const t = target as ReferTarget;
    return principal.memberships.some((m) => m.role === "partner" && m.partnerId === t.partnerId && t.networkIds.includes(m.networkId));
  }
  if (action === "referral.view") {
    const t = target as ReferralTarget;
    return advises(principal, t.partnerId) || hasPlaceRole(principal, t.placeId, ["manager", "mediator"]);
  }
  if (action === "place.referrals") return hasPlaceRole(principal, (target as PlaceTarget).placeId, ["manager", "mediator"]);
  if (action === "place.applications") return hasPlaceRole(principal, (target as PlaceTarget).placeId, ["manager"]);
  if (principal.isPlatformAdmin) return true;
  switch (action) {
    case "platform.admin":
      return false;
    case "network.manage":
    case "network.import":
    case "network.partners":
    case "network.calls":
    case "network.statistics": {
      const { networkId } = target as NetworkTarget;
      return coordinates(principal, [networkId]);
    }
    case "place.agenda":
    case "place.workshops":
      return hasPlaceRole(principal, (target as PlaceTarget).placeId, ["manager", "mediator"]);
    case "place.resources":
    case "place.stops":
    case "place.mediation.settings":
      return hasPlaceRole(principal, (target as PlaceTarget).placeId, ["manager"]);
    case "place.agenda.view":
    case "place.view-backoffice":
    case "place.statistics": {
      const place = target as PlaceTarget;
      return hasPlaceRole(principal, place.placeId, ["manager", "mediator"]) || coordinates(principal, place.networkIds);
    }
    case "place.edit":
    case "place.publish":
    case "place.staff.invite":
    case "place.reports": {
      const place = target as PlaceTarget;
      return hasPlaceRole(principal, place.placeId, ["manager"]) || coordinates(principal, place.networkIds);
    }
    case "audit.view": {
      const t = target as PlaceTarget | NetworkTarget;
      if ("placeId" in t) return hasPlaceRole(principal, t.placeId, ["manager"]) || coordinates(principal, t.networkIds);
      return coordinates(principal, [t.networkId]);
    }
  }
  return false;
}
