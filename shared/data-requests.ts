import { z } from "zod";
import { DATA_REQUEST_KINDS, type DataRequestKind } from "./data-request-kinds";
import { ID_PATTERN } from "./ids";

/** The policy's answer time (§7.2): a request is due 30 days after it was received. */
export const DATA_REQUEST_DUE_DAYS = 30;

const omitEmpty = (value: unknown) => (value === "" ? undefined : value);
const reason = z.string("Say why.").trim().min(1, "Say why.").max(500, "Keep the reason under 500 characters.");
const text = (max: number, what: string) => z.string().trim().max(max, `Keep the ${what} under ${max} characters.`);

/** A calendar day, `YYYY-MM-DD`, that exists. */
const day = z
  .string("Give the day the request arrived.")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the day as YYYY-MM-DD.")
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "That day does not exist.");

/** `POST /api/admin/data-requests`: a request that arrived by email. */
export const createDataRequestSchema = z.strictObject({
  kind: z.enum(DATA_REQUEST_KINDS, "Choose the kind of request."),
  requesterEmail: z
    .string("Give the address the request came from.")
    .trim()
    .toLowerCase()
    .max(254, "That address is too long.")
    .pipe(z.email("Give the address the request came from.")),
  receivedOn: day,
  /** The account it is about; found by the requester's address when not given. */
  userId: z.string().regex(ID_PATTERN, "That is not a user id.").optional(),
  notes: text(5000, "notes").default(""),
  reason,
});

/** `PATCH /api/admin/data-requests/:id`: notes, status, outcome. Closing needs an outcome. */
export const updateDataRequestSchema = z
  .strictObject({
    notes: text(5000, "notes").optional(),
    status: z.enum(["open", "closed"], "Choose open or closed.").optional(),
    outcome: text(2000, "outcome").min(1, "Say what was done.").optional(),
    reason,
  })
  .refine((body) => body.notes !== undefined || body.status !== undefined || body.outcome !== undefined, {
    message: "Change the notes, the status or the outcome.",
    path: ["status"],
  });

/** `GET /api/admin/data-requests?status=`: open ones by default. */
export const dataRequestsQuerySchema = z.object({
  status: z.preprocess(omitEmpty, z.enum(["open", "closed", "all"], "Choose open, closed or all.").default("open")),
});

export type CreateDataRequest = z.output<typeof createDataRequestSchema>;
export type UpdateDataRequest = z.output<typeof updateDataRequestSchema>;

/** One data request as staff read it. */
export interface DataRequestView {
  id: string;
  kind: DataRequestKind;
  source: "email" | "self_serve";
  requesterEmail: string | null;
  userId: string | null;
  receivedAt: number;
  dueAt: number;
  status: "open" | "closed";
  /** Open and past its due time. */
  overdue: boolean;
  notes: string;
  outcome: string | null;
  closedAt: number | null;
}

export interface DataRequestsResponse {
  items: DataRequestView[];
}

export interface DataRequestResponse {
  request: DataRequestView;
}
