import { test } from "uvu";
import * as assert from "uvu/assert";
import { compareStrings, utf8Decode, utf8Encode } from "../ts-src/lib/text";

test("text intrinsics round-trip under Node", () => {
  assert.is(utf8Decode(utf8Encode("Grüße €"), 0, 11), "Grüße €");
  assert.is(compareStrings("\uE000", "\u{1F600}"), -1);
});
test.run();
