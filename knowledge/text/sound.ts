// How Chinese text sounds to a pinyin input method: its toneless syllables, one a character.
import { pinyin } from "pinyin-pro";

export const syllables = (text: string): string[] => pinyin(text, { toneType: "none", type: "array" });
