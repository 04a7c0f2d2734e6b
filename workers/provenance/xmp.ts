/**
 * IPTC's digital source types (https://cv.iptc.org/newscodes/digitalsourcetype/): made by a model
 * from a prompt alone, or from a prompt together with the person's own images.
 */
export const DIGITAL_SOURCE_TYPES = {
  generated: "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
  composite: "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia",
} as const;

/**
 * What Ausar writes into every file it stores from a model: that it is AI-generated (the digital
 * source type) and which model and provider made it. Nothing about the person: no user id, email
 * or prompt (EU AI Act Art. 50(2) asks for the marking, the privacy policy for the rest).
 */
export interface ProvenanceMark {
  digitalSourceType: (typeof DIGITAL_SOURCE_TYPES)[keyof typeof DIGITAL_SOURCE_TYPES];
  /** e.g. "Demo image (Ausar demo)": the model and the provider that ran it. */
  softwareAgent: string;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** The XMP packet of a mark (UTF-8), the same for every container it goes into. */
export function xmpPacket(mark: ProvenanceMark): Uint8Array {
  const xml =
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">' +
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about=""' +
    ' xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"' +
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"' +
    ` Iptc4xmpExt:DigitalSourceType="${escapeXml(mark.digitalSourceType)}"` +
    ` xmp:CreatorTool="${escapeXml(`Ausar — ${mark.softwareAgent}`)}"/>` +
    "</rdf:RDF></x:xmpmeta>" +
    '<?xpacket end="r"?>';
  return new TextEncoder().encode(xml);
}
