import { findModel, PROVIDER_NAMES, type ProviderId } from "../../shared/models";
import type { Provenance } from "../provenance/mark";
import { DIGITAL_SOURCE_TYPES, type ProvenanceMark } from "../provenance/xmp";
import type { GenerationDeps } from "./deps";
import type { JobRow } from "./jobs-store";

/**
 * How a job's files are marked: AI-generated, composite when the person's own images went in, with
 * the model and provider that made them. Built from the job alone, so the outputs and the
 * thumbnails made later carry the same mark; nothing about the person goes in.
 */
export function provenanceOf(job: Pick<JobRow, "model" | "provider" | "params">): ProvenanceMark {
  const model = findModel(job.model)?.name ?? job.model;
  const provider = PROVIDER_NAMES[job.provider as ProviderId] ?? job.provider;
  return {
    digitalSourceType: job.params.inputMediaIds.length > 0 ? DIGITAL_SOURCE_TYPES.composite : DIGITAL_SOURCE_TYPES.generated,
    softwareAgent: `${model} (${provider})`,
  };
}

/** The job's mark with the Worker's Content Credentials signer: what its outputs and thumbnails are stamped with. */
export function provenanceFor(deps: Pick<GenerationDeps, "signer">, job: Pick<JobRow, "model" | "provider" | "params">): Provenance {
  return { mark: provenanceOf(job), signer: deps.signer };
}
