import { useRef, useState } from "hono/jsx/dom";
import { ApiError } from "./api";

export interface ApiFormOptions<T> {
  /** The form's field names: an issue for any other path is shown in the form's summary instead. */
  fields: readonly string[];
  /** Error codes that belong to one field (`email_taken` → `email`), for errors sent without issues. */
  codeFields?: Partial<Record<string, string>>;
  onSuccess?: (result: T) => void;
}

/** The state of a form that posts to the API: progress, field errors from `issues`, a summary error. */
export interface ApiForm {
  pending: boolean;
  error: ApiError | null;
  fieldError: (name: string) => string | undefined;
  /** The message for the form as a whole, when the error is not about one of its fields. */
  formError: string | null;
  onSubmit: (event: Event) => void;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, "internal", "Something went wrong. Please try again.");
}

/**
 * Runs `submit` with the form's data. Inputs stay uncontrolled, so whatever the person typed is
 * still there after an error; focus moves to the first field the API complained about.
 */
export function useApiForm<T>(submit: (data: FormData) => Promise<T>, options: ApiFormOptions<T>): ApiForm {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);

  const fieldError = (name: string): string | undefined => {
    if (!error) return undefined;
    const issue = error.issueFor(name);
    if (issue) return issue;
    return options.codeFields?.[error.code] === name ? error.message : undefined;
  };
  const onField = error ? options.fields.some((name) => fieldError(name) !== undefined) : false;
  const strayIssues =
    error?.issues.filter((issue) => !options.fields.some((name) => issue.path === name || issue.path.startsWith(`${name}.`))) ?? [];
  const formError = !error ? null : strayIssues.length ? strayIssues.map((i) => i.message).join(" ") : onField ? null : error.message;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement) || busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    submit(new FormData(form))
      .then((result) => options.onSuccess?.(result))
      .catch((caught: unknown) => {
        setError(asApiError(caught));
        // After the re-render, bring the person to what needs fixing.
        requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"], .notice-error')?.focus());
      })
      .finally(() => {
        busy.current = false;
        setPending(false);
      });
  };

  return { pending, error, fieldError, formError, onSubmit };
}

/** A text field's value from form data ("" when absent). */
export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}

/** Whether a checkbox was ticked. */
export function checked(data: FormData, name: string): boolean {
  return data.get(name) !== null;
}
