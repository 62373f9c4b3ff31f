namespace ArrowDisambig.Export;

/// <summary>A point of a layout, in the unit square.</summary>
public readonly record struct Point(double X, double Y);

/// <summary>
/// Force-directed layout (Fruchterman–Reingold with gravity towards the centre) for the small graphs the
/// review page draws. Deterministic: nodes start on a circle in the given order with jitter from a seeded
/// generator, and the same input gives the same picture on every run. O(n²) per iteration, which is why the
/// review page caps the number of nodes it draws.
/// </summary>
public static class GraphLayout
{
    /// <summary>Positions of <paramref name="nodeCount"/> nodes in [0, 1]², spread to fill the square.</summary>
    /// <param name="nodeCount">Number of nodes.</param>
    /// <param name="edges">Undirected edges between node indexes.</param>
    /// <param name="iterations">Cooling steps; more gives a calmer layout.</param>
    /// <param name="seed">Seed of the start jitter.</param>
    public static IReadOnlyList<Point> Layout(int nodeCount, IReadOnlyList<(int A, int B)> edges, int iterations = 200, int seed = 42)
    {
        int n = nodeCount;
        if (n == 0) return [];
        if (n == 1) return [new Point(0.5, 0.5)];
        var rng = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double angle = 2 * Math.PI * i / n;
            x[i] = Math.Cos(angle) + (rng.NextDouble() - 0.5) * 0.1;
            y[i] = Math.Sin(angle) + (rng.NextDouble() - 0.5) * 0.1;
        }
        double k = Math.Sqrt(4.0 / n); // ideal edge length in a 2 × 2 frame
        double gravity = 0.08, k2 = k * k;
        var dx = new double[n];
        var dy = new double[n];
        for (int it = 0; it < iterations; it++)
        {
            double temperature = 0.2 * (1 - (double)it / iterations) + 0.002;
            Array.Clear(dx);
            Array.Clear(dy);
            for (int i = 0; i < n; i++)
            {
                double xi = x[i], yi = y[i], fx = 0, fy = 0;
                for (int j = i + 1; j < n; j++)
                {
                    double ex = xi - x[j], ey = yi - y[j];
                    double d2 = ex * ex + ey * ey;
                    double f = k2 / (d2 < 1e-6 ? 1e-6 : d2); // (k² / d) along the unit vector (e / d)
                    fx += ex * f; fy += ey * f;
                    dx[j] -= ex * f; dy[j] -= ey * f;
                }
                dx[i] += fx; dy[i] += fy;
            }
            foreach (var (a, b) in edges)
            {
                double ex = x[a] - x[b], ey = y[a] - y[b];
                double d = Math.Sqrt(ex * ex + ey * ey);
                double f = d / k; // (d² / k) along the unit vector
                dx[a] -= ex * f; dy[a] -= ey * f;
                dx[b] += ex * f; dy[b] += ey * f;
            }
            for (int i = 0; i < n; i++)
            {
                dx[i] -= x[i] * gravity * n * k;
                dy[i] -= y[i] * gravity * n * k;
                double len = Math.Sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
                if (len < 1e-12) continue;
                double step = Math.Min(len, temperature);
                x[i] += dx[i] / len * step;
                y[i] += dy[i] / len * step;
            }
        }
        double minX = x.Min(), maxX = x.Max(), minY = y.Min(), maxY = y.Max();
        double spanX = Math.Max(maxX - minX, 1e-9), spanY = Math.Max(maxY - minY, 1e-9);
        return Enumerable.Range(0, n).Select(i => new Point((x[i] - minX) / spanX, (y[i] - minY) / spanY)).ToList();
    }
}
