// Any event "/test" does not handle triggers `unknown-event` with the event name.
import { scenario, connectOk, waitFor, emitAck, expectNoEvent, assertEqual } from "./lib.mjs";

scenario(async () => {
  const s = await connectOk("/test");
  for (const name of ["no-such-event", "🤷 unicode name", "message"]) {
    s.emit(name, 1, { two: 2 });
    assertEqual((await waitFor(s, "unknown-event"))[0], name, `unknown-event for "${name}"`);
  }
  // known events do not trigger it
  await emitAck(s, "count", "x");
  await expectNoEvent(s, "unknown-event");
});
