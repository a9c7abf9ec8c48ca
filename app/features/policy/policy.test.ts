import { describe, expect, it } from "vitest";
import { ACTIONS, can, type Membership, type Principal } from "./policy";

const NETWORK = "n-1";
const OTHER_NETWORK = "n-2";
const placeA = { placeId: "p-a", networkIds: [NETWORK] };
const placeB = { placeId: "p-b", networkIds: [OTHER_NETWORK] };
const placeAlone = { placeId: "p-c", networkIds: [] };

const principal = (memberships: Membership[], isPlatformAdmin = false): Principal => ({ userId: "u", isPlatformAdmin, memberships });
const mediatorA = principal([{ role: "mediator", placeId: "p-a" }]);
const managerA = principal([{ role: "manager", placeId: "p-a" }]);
const coordinator = principal([{ role: "coordinator", networkId: NETWORK }]);
const partner = principal([{ role: "partner", partnerId: "pa-1", networkId: NETWORK }]);
const admin = principal([], true);
const nobody = principal([]);

describe("can", () => {
  it("refuses everything to anonymous visitors and to accounts without a role", () => {
    for (const action of ACTIONS) {
      const target = action === "platform.admin" ? null : action.startsWith("network") ? { networkId: NETWORK } : placeA;
      expect(can(null, action, target as never)).toBe(false);
      expect(can(nobody, action, target as never)).toBe(false);
      expect(can(partner, action, target as never)).toBe(false);
    }
  });

  it("lets a partner adviser refer to their network's places and follow their organisation's referrals, nothing else", () => {
    expect(can(partner, "partner.follow", { partnerId: "pa-1" })).toBe(true);
    expect(can(partner, "partner.follow", { partnerId: "pa-2" })).toBe(false);
    expect(can(partner, "partner.refer", { partnerId: "pa-1", ...placeA })).toBe(true);
    expect(can(partner, "partner.refer", { partnerId: "pa-1", ...placeB })).toBe(false);
    expect(can(partner, "partner.refer", { partnerId: "pa-2", ...placeA })).toBe(false);
    expect(can(partner, "referral.view", { partnerId: "pa-1", placeId: "p-b" })).toBe(true);
    expect(can(partner, "referral.view", { partnerId: "pa-2", placeId: "p-a" })).toBe(false);
    for (const action of ["place.view-backoffice", "place.referrals", "place.agenda", "place.agenda.view"] as const) expect(can(partner, action, placeA)).toBe(false);
    expect(can(partner, "network.partners", { networkId: NETWORK })).toBe(false);
  });

  it("shows a referral to the receiving place's staff and to nobody else: not the coordinator, not the platform admin", () => {
    const referral = { partnerId: "pa-1", placeId: "p-a" };
    expect(can(mediatorA, "referral.view", referral)).toBe(true);
    expect(can(managerA, "place.referrals", placeA)).toBe(true);
    expect(can(mediatorA, "place.referrals", placeB)).toBe(false);
    for (const who of [coordinator, admin]) {
      expect(can(who, "referral.view", referral)).toBe(false);
      expect(can(who, "place.referrals", placeA)).toBe(false);
      expect(can(who, "partner.follow", { partnerId: "pa-1" })).toBe(false);
    }
    expect(can(coordinator, "network.partners", { networkId: NETWORK })).toBe(true);
    expect(can(coordinator, "network.partners", { networkId: OTHER_NETWORK })).toBe(false);
  });

  it("lets a platform admin do everything", () => {
    expect(can(admin, "platform.admin", null)).toBe(true);
    expect(can(admin, "place.edit", placeB)).toBe(true);
    expect(can(admin, "network.import", { networkId: OTHER_NETWORK })).toBe(true);
    expect(can(admin, "network.partners", { networkId: OTHER_NETWORK })).toBe(true);
  });

  it("lets a mediator open their place's back-office but not change its page, and nothing of another place", () => {
    expect(can(mediatorA, "place.view-backoffice", placeA)).toBe(true);
    for (const action of ["place.edit", "place.publish", "place.staff.invite", "place.reports", "audit.view"] as const) expect(can(mediatorA, action, placeA)).toBe(false);
    expect(can(mediatorA, "place.view-backoffice", placeB)).toBe(false);
    expect(can(mediatorA, "network.manage", { networkId: NETWORK })).toBe(false);
  });

  it("lets a manager edit, publish, invite and read the audit of their place only", () => {
    for (const action of ["place.view-backoffice", "place.edit", "place.publish", "place.staff.invite", "place.reports", "audit.view"] as const) {
      expect(can(managerA, action, placeA)).toBe(true);
      expect(can(managerA, action, placeB)).toBe(false);
    }
    expect(can(managerA, "audit.view", { networkId: NETWORK })).toBe(false);
    expect(can(managerA, "network.import", { networkId: NETWORK })).toBe(false);
    expect(can(managerA, "platform.admin", null)).toBe(false);
  });

  it("lets a coordinator manage their network and its places, not another network's or a place outside any network", () => {
    expect(can(coordinator, "network.manage", { networkId: NETWORK })).toBe(true);
    expect(can(coordinator, "network.import", { networkId: NETWORK })).toBe(true);
    expect(can(coordinator, "audit.view", { networkId: NETWORK })).toBe(true);
    expect(can(coordinator, "network.manage", { networkId: OTHER_NETWORK })).toBe(false);
    for (const action of ["place.view-backoffice", "place.edit", "place.publish", "place.staff.invite", "place.reports", "audit.view"] as const) {
      expect(can(coordinator, action, placeA)).toBe(true);
      expect(can(coordinator, action, placeB)).toBe(false);
      expect(can(coordinator, action, placeAlone)).toBe(false);
    }
  });

  it("lets mediators and managers run their place's agenda, managers set up its resources, coordinators only read the agenda", () => {
    expect(can(mediatorA, "place.agenda", placeA)).toBe(true);
    expect(can(mediatorA, "place.agenda.view", placeA)).toBe(true);
    expect(can(mediatorA, "place.resources", placeA)).toBe(false);
    expect(can(managerA, "place.agenda", placeA)).toBe(true);
    expect(can(managerA, "place.resources", placeA)).toBe(true);
    expect(can(coordinator, "place.agenda.view", placeA)).toBe(true);
    expect(can(coordinator, "place.agenda", placeA)).toBe(false);
    expect(can(coordinator, "place.resources", placeA)).toBe(false);
    for (const action of ["place.agenda.view", "place.agenda", "place.resources"] as const) expect(can(mediatorA, action, placeB)).toBe(false);
  });

  it("adds up roles held in several places and networks", () => {
    const both = principal([
      { role: "mediator", placeId: "p-a" },
      { role: "manager", placeId: "p-b" },
    ]);
    expect(can(both, "place.edit", placeA)).toBe(false);
    expect(can(both, "place.edit", placeB)).toBe(true);
    const shared = { placeId: "p-d", networkIds: [OTHER_NETWORK, NETWORK] };
    expect(can(coordinator, "place.edit", shared)).toBe(true);
  });

  it("keeps followed people's names with the place's staff; figures go to its networks' coordinators too", () => {
    expect(can(mediatorA, "place.mediation", placeA)).toBe(true);
    expect(can(managerA, "place.mediation", placeA)).toBe(true);
    expect(can(coordinator, "place.mediation", placeA)).toBe(false);
    expect(can(admin, "place.mediation", placeA)).toBe(false);
    expect(can(mediatorA, "place.mediation", placeB)).toBe(false);
    expect(can(managerA, "place.mediation.settings", placeA)).toBe(true);
    expect(can(mediatorA, "place.mediation.settings", placeA)).toBe(false);
    for (const who of [mediatorA, managerA, coordinator]) expect(can(who, "place.statistics", placeA)).toBe(true);
    expect(can(coordinator, "place.statistics", placeB)).toBe(false);
    expect(can(coordinator, "network.statistics", { networkId: NETWORK })).toBe(true);
    expect(can(managerA, "network.statistics", { networkId: NETWORK })).toBe(false);
  });
});
