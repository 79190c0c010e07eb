// What the admin is shown about the metadata of new and changed documents: what was read from the text
// (title, issuer, number, dates, validity) or a sidecar, and a warning for each standard field not found.
import type { DocMeta, SourceDocument } from "../../knowledge/types.js";
import type { IngestDiff } from "./diff.js";

export interface MetadataReport {
  id: string;
  title: string;
  source: "sidecar" | "front_matter" | "derived";
  /** "发文机关：…" lines for the fields that were derived. */
  found: string[];
  warnings: string[];
}

const FIELD: Partial<Record<keyof DocMeta, string>> = {
  title: "标题",
  issuer: "发文机关",
  docNo: "文号",
  issued: "成文日期",
  effective: "施行日期",
  expires: "有效期至",
  status: "效力",
  supersedes: "废止/替代",
};

const STATUS: Record<string, string> = {
  in_force: "现行有效",
  superseded: "已被替代",
  expired: "已过期",
  unknown: "未注明",
};

export function metadataReport(docs: SourceDocument[], diff: IngestDiff | null): MetadataReport[] {
  const touched = new Set([...(diff?.added ?? []), ...(diff?.changed ?? [])].map((d) => d.id));
  return docs
    .filter((d) => touched.has(d.id) && d.provenance && d.provenance.source !== "front_matter")
    .map((d) => {
      const p = d.provenance!;
      const value = (k: keyof DocMeta) =>
        k === "status"
          ? (STATUS[d.meta.status] ?? d.meta.status)
          : Array.isArray(d.meta[k])
            ? (d.meta[k] as string[]).join("、")
            : String(d.meta[k]);
      const found = p.derived.filter((k) => FIELD[k]).map((k) => `${FIELD[k]}：${value(k)}`);
      const warnings = p.missing
        .filter((k) => FIELD[k])
        .map((k) => `未能从正文识别${FIELD[k]}，可在 ${d.id}.meta.yaml 中填写`);
      return { id: d.id, title: d.meta.title, source: p.source, found, warnings };
    });
}
