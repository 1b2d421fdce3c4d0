// String-literal unions: switch with fall-through and default, equality, arrays of them.
type Kind = "overdue" | "today" | "upcoming" | "later" | "undated";

function rank(k: Kind): number {
  switch (k) {
    case "overdue":
      return 0;
    case "today":
      return 1;
    case "upcoming":
    case "later":
      return 2;
    default:
      return 9;
  }
}

function next(k: Kind): Kind {
  if (k === "overdue") return "today";
  if (k === "today") return "upcoming";
  return k === "upcoming" ? "later" : "undated";
}

export function main(): void {
  const kinds: Kind[] = ["later", "overdue", "undated", "today", "upcoming"];
  for (const k of kinds) console.log(k, rank(k), next(k));
  kinds.sort((a: Kind, b: Kind): number => rank(a) - rank(b));
  console.log(kinds.join(","));
  let k: Kind = "overdue";
  let steps = 0;
  while (k !== "undated") {
    k = next(k);
    steps++;
  }
  console.log(steps, `${k}!`, kinds.indexOf("today"));
}
