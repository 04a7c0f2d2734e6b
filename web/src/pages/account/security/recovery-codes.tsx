import { CheckIcon } from "../../../components/icons";
import { toast } from "../../../lib/toasts";

/** The ten recovery codes, shown once after turning two-factor on: copy or download, then done. */
export function RecoveryCodes(props: { codes: string[]; onDone: () => void }) {
  const asText = `Ausar recovery codes (each works once)\n\n${props.codes.join("\n")}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(asText);
      toast({ tone: "success", title: "Recovery codes copied" });
    } catch {
      toast({ tone: "error", title: "Could not copy", body: "Select the codes and copy them yourself." });
    }
  };
  const download = () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([asText], { type: "text/plain" }));
    link.download = "ausar-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div class="two-factor-codes" data-testid="recovery-codes">
      <p class="card-text">
        <strong>Two-factor sign-in is on.</strong> Save these recovery codes somewhere safe: each signs you in once if you lose your phone.
        This is the only time they are shown.
      </p>
      <ol class="recovery-code-list">
        {props.codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div class="form-footer">
        <button type="button" class="btn btn-secondary" onClick={() => void copy()}>
          Copy codes
        </button>
        <button type="button" class="btn btn-secondary" onClick={download}>
          Download
        </button>
        <button type="button" class="btn btn-primary" onClick={props.onDone}>
          <CheckIcon size={16} /> I have saved them
        </button>
      </div>
    </div>
  );
}
