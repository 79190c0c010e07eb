// The one concrete next step an answer ends with: where or how to apply, or which unit's window
// (knowledge/data/units-en.yaml, keyed by the lead unit as units.yaml names it).
import { findUnit, loadUnitsEnglish } from "../data-files.js";

function entry(unit: string) {
  const units = loadUnitsEnglish().units;
  return units[unit] ?? units[findUnit(unit)?.name ?? ""];
}

export function nextStep(unit: string | undefined, english = false): string | undefined {
  const e = unit ? entry(unit) : undefined;
  return e ? (english ? e.nextEn : e.next) : undefined;
}

export function unitInEnglish(unit: string): string {
  return entry(unit)?.en ?? unit;
}

export function projectInEnglish(name: string): string | undefined {
  return loadUnitsEnglish().projects[name];
}
