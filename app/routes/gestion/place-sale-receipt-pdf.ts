import { data } from "react-router";
import type { Route } from "./+types/place-sale-receipt-pdf";
import { requirePlace } from "~/features/access/access.server";
import { getReceipt } from "~/features/sales/receipt.server";
import { renderReceiptPdf } from "~/features/sales/receipt-pdf.server";
import { appContext } from "~/context";
import { fr } from "~/lib/messages";

/** A sale's receipt as an A5 PDF, downloaded (« recu-2026-000123.pdf »), for the place's staff at the till. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { place } = await requirePlace(request, context, params.placeId, "place.sales");
  const receipt = await getReceipt(context.get(appContext).database.db, { placeId: place.id, saleId: params.saleId });
  if (!receipt) throw data(fr.backoffice.notFound, { status: 404 });
  const pdf = await renderReceiptPdf(receipt);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fr.salesReports.receipt.filename(receipt.number)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
