/**
 * The partners' figures on the network's statistics page (« Orientations des partenaires »): per
 * partner organisation of the network, the referrals sent to the chosen places in the period (by
 * the day they were sent, in France), what became of them, and the median delay from sending to
 * the place's first answer. Counts only: never a person, whatever was erased or not.
 *
 * What became of a referral is its last status before any « close »: a person who came and whose
 * referral was then closed by hand still counts as came. « Rendez-vous pris » counts the referrals
 * that had an appointment at some point (one cancelled afterwards included).
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "~/db/client.server";
import type { IsoDate } from "~/features/time/calendar";

export type PartnerFigures = {
  /** null: the row of all the partners together. */
  partnerId: string | null;
  name: string;
  sent: number;
  answered: number;
  booked: number;
  /** Came, help given or not. */
  came: number;
  noShow: number;
  expired: number;
  refused: number;
  /** Median seconds from sending to the place's first answer, over the answered ones; null when none was. */
  medianDelaySeconds: number | null;
};

const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

/** Every partner of the network (none sent anything: zeros), by name, and the total; `partners` is empty when the network has none. */
export async function partnerFigures(db: Db, input: { networkId: string; placeIds: readonly string[]; from: IsoDate; to: IsoDate }): Promise<{ partners: PartnerFigures[]; total: PartnerFigures }> {
  const rows = await queryRows(
    db,
    sql`select pa.id as partner_id, pa.name, grouping(pa.id, pa.name) as is_total,
          count(r.id)::int as sent,
          count(r.first_answered_at)::int as answered,
          count(r.id) filter (where exists (select 1 from referral_events e where e.referral_id = r.id and e.kind = 'status' and e.status = 'booked'))::int as booked,
          count(r.id) filter (where o.outcome in ('came', 'helped'))::int as came,
          count(r.id) filter (where o.outcome = 'no_show')::int as no_show,
          count(r.id) filter (where o.outcome = 'expired')::int as expired,
          count(r.id) filter (where o.outcome = 'refused')::int as refused,
          percentile_cont(0.5) within group (order by extract(epoch from r.first_answered_at - r.created_at)) as median_delay
        from partners pa
        left join referrals r on r.partner_id = pa.id and r.network_id = pa.network_id
          and r.place_id = any(${uuidArray(input.placeIds)}::uuid[])
          and (r.created_at at time zone 'Europe/Paris')::date between ${input.from}::date and ${input.to}::date
        left join lateral (
          select e.status as outcome from referral_events e
          where e.referral_id = r.id and e.kind = 'status' and e.status <> 'closed'
          order by e.seq desc limit 1
        ) o on true
        where pa.network_id = ${input.networkId}::uuid
        group by grouping sets ((pa.id, pa.name), ())
        order by grouping(pa.id, pa.name), lower(pa.name), pa.id`,
  );
  const figures = rows.map(
    (row): PartnerFigures => ({
      partnerId: Number(row.is_total) === 0 ? String(row.partner_id) : null,
      name: Number(row.is_total) === 0 ? String(row.name) : "",
      sent: Number(row.sent), answered: Number(row.answered), booked: Number(row.booked), came: Number(row.came),
      noShow: Number(row.no_show), expired: Number(row.expired), refused: Number(row.refused),
      medianDelaySeconds: row.median_delay === null || row.median_delay === undefined ? null : Number(row.median_delay),
    }),
  );
  const total = figures.find((f) => f.partnerId === null) ?? { partnerId: null, name: "", sent: 0, answered: 0, booked: 0, came: 0, noShow: 0, expired: 0, refused: 0, medianDelaySeconds: null };
  return { partners: figures.filter((f) => f.partnerId !== null), total };
}
