// Compound elements: a reusable block with formal parameters, used twice.
//   ./jmill explain examples/compound.click
elementclass Measure { $label, COLOR $color |
  input -> Paint($color) -> count :: Counter -> output;
}

src :: InfiniteSource(LIMIT 100000, STOP true)
  -> a :: Measure(first, COLOR 1)
  -> t :: Tee(2);
t [0] -> Discard;
t [1] -> b :: Measure(second, COLOR 2) -> Discard;
