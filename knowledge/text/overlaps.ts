// Where a word of the question and a phrase the lexicon read in it overlap in the text.

/** "改数|电票": jieba cut across a phrase the lexicon read ("数电票"); the overlap is explained by it. */
export function overlaps(text: string, word: string, phrase: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    for (let j = text.indexOf(phrase); j >= 0; j = text.indexOf(phrase, j + 1))
      if (j < i + word.length && i < j + phrase.length) return true;
  }
  return false;
}
