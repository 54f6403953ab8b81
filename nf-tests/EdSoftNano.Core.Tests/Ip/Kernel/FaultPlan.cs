using System;

namespace EdSoftNano.Tests.Ip.Kernel
{
    /// <summary>Seeded loss, duplication and reordering for the TUN path (rates 0..1, each decided per packet).</summary>
    public sealed class FaultPlan
    {
        private readonly Random _random;

        public FaultPlan(double loss, double duplication, double reordering, int seed)
        {
            Loss = loss;
            Duplication = duplication;
            Reordering = reordering;
            _random = new Random(seed);
        }

        public double Loss { get; }

        public double Duplication { get; }

        public double Reordering { get; }

        public int Dropped { get; private set; }

        public int Duplicated { get; private set; }

        public int Reordered { get; private set; }

        public bool Drop() => Decide(Loss, () => Dropped++);

        public bool Duplicate() => Decide(Duplication, () => Duplicated++);

        public bool Reorder() => Decide(Reordering, () => Reordered++);

        private bool Decide(double rate, Action count)
        {
            if (rate <= 0 || _random.NextDouble() >= rate)
            {
                return false;
            }

            count();
            return true;
        }
    }
}
