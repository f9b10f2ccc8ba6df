/**
 * A cycle in a graph given as upstream lists (`upstream[i]` are the nodes `i` waits for), as the
 * node path `[a, b, c, a]`, or undefined when the graph is acyclic. Iterative, so a 10,000-node
 * chain does not overflow the stack.
 *
 * @example
 * ```ts
 * findCycle([[2], [0], [1]]); // [0, 2, 1, 0]: 0 waits for 2, which waits for 1, which waits for 0
 * findCycle([[], [0]]); // undefined
 * ```
 */
export function findCycle(upstream: readonly (readonly number[])[]): number[] | undefined {
  const state = new Uint8Array(upstream.length); // 0 unseen, 1 on the path, 2 done
  for (let root = 0; root < upstream.length; root++) {
    if (state[root] !== 0) continue;
    const path: number[] = [root];
    const next: number[] = [0];
    state[root] = 1;
    while (path.length > 0) {
      const node = path[path.length - 1] as number;
      const edges = upstream[node] ?? [];
      const i = next[next.length - 1] as number;
      if (i >= edges.length) {
        state[node] = 2;
        path.pop();
        next.pop();
        continue;
      }
      next[next.length - 1] = i + 1;
      const to = edges[i] as number;
      if (state[to] === 1) return [...path.slice(path.indexOf(to)), to];
      if (state[to] === 0) {
        state[to] = 1;
        path.push(to);
        next.push(0);
      }
    }
  }
  return undefined;
}
