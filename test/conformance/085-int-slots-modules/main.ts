// Integer fields, parameters and returns across modules: the analysis sees every module of the
// program, and writes from this one decide the types of slots declared in meter.ts.
import { average, Meter } from "./meter";

class Sample {
  constructor(private v: number) {}
  value(): number {
    return this.v;
  }
}

export function main(): void {
  const m = new Meter();
  const xs: Sample[] = [new Sample(7), new Sample(300), new Sample(-4), new Sample(2.75)];
  for (let i = 0; i < 10; i++) for (const s of xs) m.add(s.value() * (i + 1));
  m.total = m.total + 0.5;
  console.log(m.report(), average(m, 4));
}
