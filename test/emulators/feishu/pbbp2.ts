// pbbp2.Frame / pbbp2.Header, defined from the field list in docs/platforms.md §1
// (the WSClient long-connection frame format).
import protobuf from "protobufjs";

const PROTO = `
syntax = "proto2";
package pbbp2;
message Header {
  required string key = 1;
  required string value = 2;
}
message Frame {
  required uint64 SeqID = 1;
  required uint64 LogID = 2;
  required int32 service = 3;
  required int32 method = 4;
  repeated Header headers = 5;
  optional string payload_encoding = 6;
  optional string payload_type = 7;
  optional bytes payload = 8;
  optional string LogIDNew = 9;
}
`;

const root = protobuf.parse(PROTO, { keepCase: true }).root;
const FrameType = root.lookupType("pbbp2.Frame");

export const FRAME_CONTROL = 0;
export const FRAME_DATA = 1;

export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

export function encodeFrame(frame: Frame): Uint8Array {
  return FrameType.encode(FrameType.fromObject(frame)).finish();
}

export function decodeFrame(buf: Uint8Array): Frame {
  const msg = FrameType.decode(buf);
  return FrameType.toObject(msg, { longs: Number, bytes: Buffer, defaults: true }) as unknown as Frame;
}

export function header(frame: Frame, key: string): string | undefined {
  return frame.headers.find((h) => h.key === key)?.value;
}
