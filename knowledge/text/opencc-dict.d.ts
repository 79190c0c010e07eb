// opencc-js ships its dictionary modules without type declarations: each is one string of "source targets…" entries joined by "|".
declare module "opencc-js/dict/STCharacters" {
  const entries: string;
  export default entries;
}
