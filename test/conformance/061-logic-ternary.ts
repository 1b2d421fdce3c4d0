// && and || short-circuit (side effects show it), !, nested ternaries.
class Calls {
  log: string = "";
}

function t(c: Calls, name: string): boolean {
  c.log += name;
  return true;
}

function f(c: Calls, name: string): boolean {
  c.log += name;
  return false;
}

function grade(n: number): string {
  return n >= 90 ? "A" : n >= 80 ? "B" : n >= 70 ? "C" : "F";
}

export function main(): void {
  const c = new Calls();
  console.log(f(c, "a") && t(c, "b"), c.log);
  console.log(t(c, "c") || f(c, "d"), c.log);
  console.log(f(c, "e") || t(c, "f") && f(c, "g"), c.log);
  console.log((t(c, "h") || t(c, "i")) && !f(c, "j"), c.log);
  console.log(!true, !!false, !(1 > 2));
  console.log(grade(95), grade(85), grade(75), grade(5));
  const x = 5;
  const flag = x > 3 ? x < 10 : false;
  console.log(flag, x > 3 && x < 4, x < 3 || x === 5);
  let ok = true;
  ok = ok && x > 0;
  ok = ok || f(c, "never");
  console.log(ok, c.log);
}
