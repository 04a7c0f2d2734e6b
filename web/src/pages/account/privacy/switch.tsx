import { useId } from "hono/jsx/dom";

export interface SwitchProps {
  label: string;
  text: string;
  checked: boolean;
  busy: boolean;
  /** A line under the text (state that qualifies the choice). */
  note?: string | undefined;
  /** Saves the choice; false when it was not saved (the switch then shows the old state again). */
  onChange: (checked: boolean) => Promise<boolean>;
}

/** An on/off choice: a native checkbox with the switch role, labelled and described for screen readers. */
export function Switch(props: SwitchProps) {
  const id = useId();
  return (
    <div class="switch-row">
      <div class="switch-text">
        <label class="switch-label" for={id}>
          {props.label}
        </label>
        <p class="switch-help" id={`${id}-help`}>
          {props.text}
          {props.note ? <span class="switch-note"> {props.note}</span> : null}
        </p>
      </div>
      <input
        id={id}
        class="switch"
        type="checkbox"
        // biome-ignore lint/a11y/useAriaPropsForRole: a native checkbox exposes its checked state itself; ARIA in HTML says not to add aria-checked
        role="switch"
        checked={props.checked}
        disabled={props.busy}
        aria-busy={props.busy ? "true" : undefined}
        aria-describedby={`${id}-help`}
        onChange={(event: Event) => {
          const input = event.currentTarget as HTMLInputElement;
          void props.onChange(input.checked).then((saved) => {
            if (!saved) input.checked = !input.checked;
          });
        }}
      />
    </div>
  );
}
