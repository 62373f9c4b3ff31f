using System.Runtime.CompilerServices;

namespace ArrowDisambig.Clustering;

/// <summary>
/// A map from non-negative int keys to double sums: open addressing with linear probing and backward-shift
/// deletion, key and value side by side, so a lookup on a large page is one cache miss rather than the two of
/// <see cref="Dictionary{TKey,TValue}"/> (bucket, then entry). Used for the cluster-to-cluster affinity sums.
/// </summary>
internal sealed class IntDoubleMap
{
    internal struct Slot
    {
        public int Key; // Empty when unused
        public double Value;
    }

    private const int Empty = -1;
    private Slot[] _slots;
    private int _mask;

    public IntDoubleMap(int capacity)
    {
        int size = 4;
        while (size * 3 < capacity * 4) size *= 2; // load factor <= 0.75
        _slots = NewSlots(size);
        _mask = size - 1;
    }

    /// <summary>Number of keys.</summary>
    public int Count { get; private set; }

    private static Slot[] NewSlots(int size)
    {
        var slots = new Slot[size];
        for (int i = 0; i < slots.Length; i++) slots[i].Key = Empty;
        return slots;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(int key)
    {
        uint h = (uint)key * 0x9E3779B1u;
        return (int)(h ^ h >> 16);
    }

    /// <summary>The value of <paramref name="key"/>, added as 0 when absent; the reference is valid until the next insertion or removal.</summary>
    public ref double GetOrAdd(int key)
    {
        if ((Count + 1) * 4 > _slots.Length * 3) Grow();
        int i = Hash(key) & _mask;
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == key) return ref slot.Value;
            if (slot.Key == Empty)
            {
                slot.Key = key;
                slot.Value = 0;
                Count++;
                return ref slot.Value;
            }
            i = (i + 1) & _mask;
        }
    }

    /// <summary>The value of <paramref name="key"/>, or 0.</summary>
    public double GetValueOrDefault(int key)
    {
        int i = Hash(key) & _mask;
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == key) return slot.Value;
            if (slot.Key == Empty) return 0;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Removes <paramref name="key"/>; false when absent.</summary>
    public bool Remove(int key)
    {
        int i = Hash(key) & _mask;
        while (true)
        {
            int k = _slots[i].Key;
            if (k == Empty) return false;
            if (k == key) break;
            i = (i + 1) & _mask;
        }
        // Backward shift: move later entries of the probe run into the hole when their home allows it.
        int hole = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            int k = _slots[j].Key;
            if (k == Empty) break;
            int home = Hash(k) & _mask;
            // j may move to the hole unless its home lies cyclically in (hole, j].
            bool stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (stays) continue;
            _slots[hole] = _slots[j];
            hole = j;
        }
        _slots[hole].Key = Empty;
        _slots[hole].Value = 0;
        Count--;
        return true;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = NewSlots(old.Length * 2);
        _mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key == Empty) continue;
            int i = Hash(slot.Key) & _mask;
            while (_slots[i].Key != Empty) i = (i + 1) & _mask;
            _slots[i] = slot;
        }
    }

    /// <summary>The entries, in slot order. The map must not change while enumerating.</summary>
    public Enumerator GetEnumerator() => new(_slots);

    /// <summary>Enumerates (key, value) entries.</summary>
    public struct Enumerator(Slot[] slots)
    {
        private int _index = -1;

        public bool MoveNext()
        {
            while (++_index < slots.Length)
                if (slots[_index].Key != Empty) return true;
            return false;
        }

        public readonly KeyValuePair<int, double> Current => new(slots[_index].Key, slots[_index].Value);
    }
}
