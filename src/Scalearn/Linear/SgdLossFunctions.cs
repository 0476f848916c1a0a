namespace Scalearn.Linear;

/// <summary>A loss of scikit-learn's _sgd_fast: value and derivative with respect to the prediction p for target y.</summary>
internal interface ISgdLossFunction
{
    double Loss(double p, double y);
    double DLoss(double p, double y);
}

/// <summary>Hinge loss max(0, threshold - p y); threshold 0 is the perceptron loss.</summary>
internal readonly struct HingeLoss(double threshold) : ISgdLossFunction
{
    public double Loss(double p, double y) { double z = p * y; return z <= threshold ? threshold - z : 0.0; }
    public double DLoss(double p, double y) => p * y <= threshold ? -y : 0.0;
}

internal readonly struct SquaredHingeLoss : ISgdLossFunction
{
    public double Loss(double p, double y) { double z = 1.0 - p * y; return z > 0 ? z * z : 0.0; }
    public double DLoss(double p, double y) { double z = 1.0 - p * y; return z > 0 ? -2 * y * z : 0.0; }
}

internal readonly struct LogLoss : ISgdLossFunction
{
    public double Loss(double p, double y)
    {
        double z = p * y;
        if (z > 18) return Math.Exp(-z);
        if (z < -18) return -z;
        return Math.Log(1.0 + Math.Exp(-z));
    }

    public double DLoss(double p, double y)
    {
        double z = p * y;
        if (z > 18) return Math.Exp(-z) * -y;
        if (z < -18) return -y;
        return -y / (Math.Exp(z) + 1.0);
    }
}

internal readonly struct ModifiedHuberLoss : ISgdLossFunction
{
    public double Loss(double p, double y)
    {
        double z = p * y;
        if (z >= 1) return 0;
        if (z >= -1) return (1 - z) * (1 - z);
        return -4 * z;
    }

    public double DLoss(double p, double y)
    {
        double z = p * y;
        if (z >= 1) return 0;
        if (z >= -1) return 2 * (1 - z) * -y;
        return -4 * y;
    }
}

internal readonly struct SquaredLoss : ISgdLossFunction
{
    public double Loss(double p, double y) => 0.5 * (p - y) * (p - y);
    public double DLoss(double p, double y) => p - y;
}

internal readonly struct HuberLoss(double c) : ISgdLossFunction
{
    public double Loss(double p, double y)
    {
        double r = Math.Abs(p - y);
        return r <= c ? 0.5 * r * r : c * r - 0.5 * c * c;
    }

    public double DLoss(double p, double y)
    {
        double r = p - y;
        if (Math.Abs(r) <= c) return r;
        return r > 0 ? c : -c;
    }
}

internal readonly struct EpsilonInsensitiveLoss(double epsilon) : ISgdLossFunction
{
    public double Loss(double p, double y) => Math.Max(0, Math.Abs(y - p) - epsilon);

    public double DLoss(double p, double y)
    {
        if (y - p > epsilon) return -1;
        if (p - y > epsilon) return 1;
        return 0;
    }
}

internal readonly struct SquaredEpsilonInsensitiveLoss(double epsilon) : ISgdLossFunction
{
    public double Loss(double p, double y) { double r = Math.Abs(y - p) - epsilon; return r > 0 ? r * r : 0; }

    public double DLoss(double p, double y)
    {
        double z = y - p;
        if (z > epsilon) return -2 * (z - epsilon);
        if (z < -epsilon) return 2 * (-z - epsilon);
        return 0;
    }
}
