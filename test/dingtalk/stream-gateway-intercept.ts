// dingtalk-stream hard-codes https://api.dingtalk.com/v1.0/gateway/connections/open (and the oapi
// token URL). As the SDK's own tests do, nock intercepts those and forwards them to the local
// emulator; every other connection must be loopback (the WebSocket, Redis, the emulator itself).
import "./promise-with-resolvers.js";
import nock from "nock";

/** Returns a function that removes the interception again (and nock's patches with it). */
export function interceptDingtalkGateway(emulatorBaseUrl: string): () => void {
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1") || host.startsWith("localhost"));
  // nock 15 passes the request (a fetch Request) to reply functions.
  nock("https://api.dingtalk.com")
    .persist()
    .post("/v1.0/gateway/connections/open")
    .reply(async (req: unknown) => {
      const res = await fetch(`${emulatorBaseUrl}/v1.0/gateway/connections/open`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: await (req as Request).text(),
      });
      return [res.status, await res.text(), { "content-type": "application/json" }];
    });
  nock("https://oapi.dingtalk.com")
    .persist()
    .get("/gettoken")
    .query(true)
    .reply(async (req: unknown) => {
      const res = await fetch(`${emulatorBaseUrl}/gettoken${new URL((req as Request).url).search}`);
      return [res.status, await res.text(), { "content-type": "application/json" }];
    });
  return () => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  };
}
