namespace Scalearn.Cluster; public sealed class Placeholder {}
