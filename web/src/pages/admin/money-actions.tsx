import { useState } from "hono/jsx/dom";
import type { StaffUserDetail } from "../../../../shared/admin-users";
import type { UserView } from "../../../../shared/auth";
import { MinorDialog } from "./minor-dialog";
import { RefundDialog, refundable } from "./refund-dialog";

/**
 * The person page's money and erasure actions: "Refund a payment" (admin, when one is refundable)
 * and "Delete as minor" (support or admin, people who are not staff). Each opens its dialog.
 */
export function MoneyActions(props: {
  staff: UserView;
  detail: StaffUserDetail;
  onDone: (message: string) => void;
  /** The person was deleted: their page has nothing left to load (reading it again would be a 404). */
  onErased: (message: string) => void;
}) {
  const [open, setOpen] = useState<"refund" | "minor" | null>(null);
  const { detail } = props;
  if (detail.profile.deletedAt !== null) return null;
  const payments = refundable(detail.payments);
  const finish = (message: string) => {
    setOpen(null);
    props.onDone(message);
  };
  return (
    <>
      {props.staff.role === "admin" && payments.length > 0 ? (
        <button type="button" class="btn btn-small btn-secondary" onClick={() => setOpen("refund")}>
          Refund a payment
        </button>
      ) : null}
      {detail.profile.role === "user" ? (
        <button type="button" class="btn btn-small btn-danger" onClick={() => setOpen("minor")}>
          Delete as minor
        </button>
      ) : null}
      {open === "refund" ? <RefundDialog payments={payments} onClose={() => setOpen(null)} onDone={finish} /> : null}
      {open === "minor" ? (
        <MinorDialog
          userId={detail.profile.id}
          email={detail.profile.email}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            props.onErased(message);
          }}
        />
      ) : null}
    </>
  );
}
