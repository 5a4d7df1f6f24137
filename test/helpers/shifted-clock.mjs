// Loaded with `node --import` into an app process under test: its clock reads the simulator's time
// (IMS_TEST_CLOCK_OFFSET_MS after the wall clock), so SLA deadlines follow the test's fixed start and
// the production code runs unchanged. Time still passes, at the wall clock's pace, for timers and Bottleneck.
const offset = Number(process.env.IMS_TEST_CLOCK_OFFSET_MS ?? "0");
if (offset) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
