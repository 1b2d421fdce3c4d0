// Nullable class-typed fields: a linked list and a binary search tree.
class ListNode {
  next: ListNode | null = null;
  constructor(public value: number) {}
}

class Tree {
  left: Tree | null = null;
  right: Tree | null = null;
  constructor(public key: number) {}

  insert(k: number): void {
    if (k < this.key) {
      if (this.left === null) this.left = new Tree(k);
      else this.left.insert(k);
    } else {
      if (this.right === null) this.right = new Tree(k);
      else this.right.insert(k);
    }
  }
}

function inorder(t: Tree | null, out: number[]): void {
  if (t === null) return;
  inorder(t.left, out);
  out.push(t.key);
  inorder(t.right, out);
}

function depth(t: Tree | null): number {
  if (t === null) return 0;
  return 1 + Math.max(depth(t.left), depth(t.right));
}

export function main(): void {
  let head: ListNode | null = null;
  for (let i = 1; i <= 5; i++) {
    const n = new ListNode(i * i);
    n.next = head;
    head = n;
  }
  const vals: string[] = [];
  for (let p = head; p !== null; p = p.next) vals.push(String(p.value));
  console.log(vals.join(" -> "));
  const root = new Tree(50);
  const keys: number[] = [30, 70, 20, 40, 60, 80, 35, 45, 65];
  for (const k of keys) root.insert(k);
  const out: number[] = [];
  inorder(root, out);
  console.log(out.join(","), depth(root));
}
