namespace Scalearn.Tests.ModelSelection;

/// <summary>numpy's legacy RandomState(seed).random_sample(): Mersenne Twister 19937, 53-bit doubles from two words.</summary>
internal sealed class Mt19937
{
    private readonly uint[] _mt = new uint[624];
    private int _index;

    public Mt19937(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < 624; i++) _mt[i] = unchecked(1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i);
        _index = 624;
    }

    public uint NextUInt()
    {
        if (_index >= 624) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    public double NextDouble()
    {
        uint a = NextUInt() >> 5, b = NextUInt() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private void Twist()
    {
        for (int i = 0; i < 624; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % 624] & 0x7fffffffu);
            _mt[i] = _mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }
        _index = 0;
    }
}
