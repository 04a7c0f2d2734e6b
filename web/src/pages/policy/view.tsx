import { POLICY_UPDATED_LABEL, POLICY_VERSION } from "../../../../shared/policy";
import { type PolicyBlock, parsePolicy, splitEmails } from "./parse";

function Rich(props: { text: string }) {
  return (
    <>
      {splitEmails(props.text).map((part, i) =>
        part.email ? (
          <a key={i} href={`mailto:${part.text}`}>
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function Block(props: { block: PolicyBlock }) {
  const { block } = props;
  if (block.kind === "heading") {
    const text = `${block.number}${block.level === 2 ? "." : ""} ${block.text}`;
    return block.level === 2 ? <h2 id={block.id}>{text}</h2> : <h3 id={block.id}>{text}</h3>;
  }
  if (block.kind === "paragraph") {
    return (
      <p>
        <Rich text={block.text} />
      </p>
    );
  }
  return (
    <ul>
      {block.items.map((item, i) => (
        <li key={i}>
          {item.lead ? <strong>{item.lead}: </strong> : null}
          <Rich text={item.text} />
        </li>
      ))}
    </ul>
  );
}

/** A policy page: title, "Last updated" date and the parsed text. */
export function PolicyView(props: { title: string; source: string }) {
  const blocks = parsePolicy(props.source);
  return (
    <article class="policy">
      <header class="policy-header">
        <h1 class="page-title">{props.title}</h1>
        <p class="policy-updated">
          Last updated: <time datetime={POLICY_VERSION}>{POLICY_UPDATED_LABEL}</time>
        </p>
      </header>
      {blocks.map((block, i) => (
        <Block key={i} block={block} />
      ))}
    </article>
  );
}
