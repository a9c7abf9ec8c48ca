/** « Orientations des partenaires » on the network's statistics page: one row per partner organisation, and all of them together. */
import { formatDate } from "~/features/time/format";
import type { IsoDate } from "~/features/time/calendar";
import { formatNumber, fr } from "~/lib/messages";
import { delayWords } from "./partner-stats";
import type { PartnerFigures } from "./partner-stats.server";

const m = fr.referrals.figures;
const c = m.columns;
const COUNTS = [
  [c.sent, "sent"],
  [c.answered, "answered"],
  [c.booked, "booked"],
  [c.came, "came"],
  [c.noShow, "noShow"],
  [c.expired, "expired"],
  [c.refused, "refused"],
] as const;

function Row({ figures, label }: { figures: PartnerFigures; label: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {COUNTS.map(([, key]) => (
        <td key={key} className="num">
          {formatNumber(figures[key])}
        </td>
      ))}
      <td className="num">{delayWords(figures.medianDelaySeconds)}</td>
    </tr>
  );
}

export function PartnerFiguresSection({ partners, total, from, to }: { partners: PartnerFigures[]; total: PartnerFigures; from: IsoDate; to: IsoDate }) {
  return (
    <section className="stats" aria-labelledby="titre-orientations-partenaires" id="orientations-partenaires">
      <h2 id="titre-orientations-partenaires">{m.title}</h2>
      <p>{m.intro}</p>
      {total.sent === 0 ? <p>{m.none}</p> : null}
      <div className="table-scroll" role="group" aria-labelledby="titre-orientations-partenaires" tabIndex={0}>
        <table className="data-table stats-table">
          <caption>{m.caption(formatDate(from), formatDate(to))}</caption>
          <thead>
            <tr>
              <th scope="col">{m.partner}</th>
              {COUNTS.map(([header]) => (
                <th scope="col" key={header} className="num">
                  {header}
                </th>
              ))}
              <th scope="col" className="num">
                {c.delay}
              </th>
            </tr>
          </thead>
          <tbody>
            {partners.map((figures) => (
              <Row key={figures.partnerId} figures={figures} label={figures.name} />
            ))}
          </tbody>
          {partners.length > 1 ? (
            <tfoot>
              <Row figures={total} label={m.total} />
            </tfoot>
          ) : null}
        </table>
      </div>
    </section>
  );
}
