// Class instances stored in arrays, sorted by a field, mutated through aliases.
class Item {
  done: boolean = false;
  constructor(public title: string, public priority: number) {}
}

function byPriority(a: Item, b: Item): number {
  const pa = a.priority === 0 ? 10 : a.priority;
  const pb = b.priority === 0 ? 10 : b.priority;
  return pa - pb;
}

export function main(): void {
  const items: Item[] = [new Item("water plants", 0), new Item("pay rent", 1), new Item("call mum", 5), new Item("taxes", 1)];
  items.push(new Item("backup", 9));
  items.sort(byPriority);
  for (const it of items) console.log(it.priority, it.title);
  const first = items[0];
  first.done = true;
  let done = 0;
  for (const it of items) if (it.done) done++;
  console.log(done, items[0].done);
  const copy = items.slice(1, 3);
  copy[0].title = "PAY RENT";
  console.log(items[1].title);
}
