using System.Runtime.ExceptionServices;

namespace ArrowDisambig.Pipeline;

/// <summary>
/// Produces items on several threads and consumes them one at a time in index order, with at most a window of
/// items taken but not yet consumed. The batch uses it to process pages in parallel while writing their rows
/// as they finish, in input order (so outputs do not depend on thread timing) and without holding the batch.
/// </summary>
public static class OrderedParallel
{
    /// <summary>
    /// Calls <paramref name="produce"/> for 0..<paramref name="count"/>−1 on up to <paramref name="workers"/>
    /// threads, and <paramref name="consume"/> for each result strictly in index order, never on two threads at once.
    /// </summary>
    /// <param name="count">How many items.</param>
    /// <param name="workers">Threads that produce (at least 1).</param>
    /// <param name="window">
    /// Most items taken but not yet consumed (at least <paramref name="workers"/>): what bounds memory when a slow
    /// item holds back the ones after it.
    /// </param>
    /// <param name="produce">Makes item k; may run on any worker thread.</param>
    /// <param name="consume">Takes item k after items 0..k−1; runs on a worker thread while it holds the consumer turn.</param>
    /// <param name="cancel">Stops taking and consuming items; items being produced are finished and dropped.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was signalled before every item was consumed.</exception>
    /// <remarks>
    /// The first exception from either delegate stops the others taking new items and is rethrown unwrapped once
    /// every worker has returned; items already produced are then dropped unconsumed.
    /// </remarks>
    public static void Run<T>(int count, int workers, int window, Func<int, T> produce, Action<int, T> consume, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, workers);
        if (count == 0) return;

        using var slots = new SemaphoreSlim(window, window);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var pending = new Dictionary<int, T>();
        var gate = new object();
        var consumerTurn = new object();
        int next = -1, consumed = 0;
        ExceptionDispatchInfo? failure = null;

        // Whoever finishes the next item in order writes it; a producer never waits for another's write: it
        // leaves its item to the thread holding the turn, which looks again after giving the turn up.
        void Drain()
        {
            while (Monitor.TryEnter(consumerTurn))
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        T item;
                        int k;
                        lock (gate)
                        {
                            k = consumed;
                            if (!pending.Remove(k, out item!)) break;
                        }
                        consume(k, item);
                        lock (gate) consumed = k + 1;
                        slots.Release();
                    }
                }
                finally { Monitor.Exit(consumerTurn); }
                lock (gate)
                    if (stop.IsCancellationRequested || !pending.ContainsKey(consumed)) return;
            }
        }

        void Work()
        {
            try
            {
                while (true)
                {
                    slots.Wait(stop.Token);
                    int k = Interlocked.Increment(ref next);
                    if (k >= count) return;
                    var item = produce(k);
                    lock (gate) pending.Add(k, item);
                    Drain();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
        }

        var threads = Enumerable.Range(0, Math.Min(workers, count) - 1).Select(_ => Task.Factory.StartNew(Work, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        Work();
        Task.WaitAll(threads);
        failure?.Throw();
        if (consumed < count) cancel.ThrowIfCancellationRequested();
    }
}
