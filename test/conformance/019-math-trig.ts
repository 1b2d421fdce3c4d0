// Trigonometry at exactly representable points and a few common angles.
export function main(): void {
  console.log(Math.PI);
  console.log(Math.sin(0), Math.sin(-0), Math.cos(0));
  console.log(Math.sin(Math.PI / 2), Math.cos(Math.PI));
  console.log(Math.sin(1), Math.cos(1), Math.sin(0.5), Math.cos(2));
  console.log(Math.sin(Infinity), Math.cos(NaN));
  console.log(Math.atan2(0, 0), Math.atan2(-0, 0), Math.atan2(0, -0), Math.atan2(-0, -0));
  console.log(Math.atan2(1, 1), Math.atan2(1, -1), Math.atan2(-1, -1), Math.atan2(1, 0));
  console.log(Math.atan2(Infinity, Infinity), Math.atan2(-Infinity, -Infinity));
  const deg = 30;
  console.log(Math.round(Math.sin((deg * Math.PI) / 180) * 1e6) / 1e6);
}
