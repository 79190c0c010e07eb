// Imported first by test/bench/dingtalk-bench.ts: the root logger reads LOG_LEVEL when it is created.
process.env.LOG_LEVEL ??= "warn";
export {};
