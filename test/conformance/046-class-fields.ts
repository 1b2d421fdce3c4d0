// Class fields with and without initializers, set in the constructor; initializers run first.
class Settings {
  name: string;
  volume: number = 5;
  muted: boolean = false;
  tags: string[] = [];
  bytes: Uint8Array = new Uint8Array(4);
  label: string = "v" + 1;

  constructor(name: string, volume: number) {
    this.name = name;
    if (volume > this.volume) this.volume = volume;
  }
}

export function main(): void {
  const a = new Settings("a", 3);
  const b = new Settings("b", 9);
  console.log(a.name, a.volume, a.muted, a.tags.length, a.bytes.length, a.label);
  console.log(b.name, b.volume);
  a.tags.push("x");
  b.muted = true;
  a.bytes[0] = 7;
  console.log(a.tags.length, b.tags.length, a.muted, b.muted, a.bytes[0], b.bytes[0]);
}
