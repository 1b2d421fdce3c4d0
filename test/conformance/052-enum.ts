// Numeric enums: automatic numbering, explicit values, continuing after an explicit value.
enum Level {
  Low,
  Mid,
  High,
}

enum Code {
  Ok = 200,
  Created,
  NotFound = 404,
  Teapot = 418,
  Neg = -1,
  Frac = 2.5,
}

function name(l: Level): string {
  switch (l) {
    case Level.Low:
      return "low";
    case Level.Mid:
      return "mid";
    case Level.High:
      return "high";
  }
  return "?";
}

export function main(): void {
  console.log(Level.Low, Level.Mid, Level.High);
  console.log(Code.Ok, Code.Created, Code.NotFound, Code.Teapot, Code.Neg, Code.Frac);
  const levels: Level[] = [Level.High, Level.Low, Level.Mid];
  levels.sort((a: Level, b: Level): number => a - b);
  for (const l of levels) console.log(name(l));
  let c: Code = Code.Ok;
  if (c === Code.Ok) c = Code.NotFound;
  console.log(c, c === Code.NotFound, c > Code.Created);
  console.log(`${Level.High}/${Code.Teapot}`);
}
