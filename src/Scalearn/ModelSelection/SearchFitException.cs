namespace Scalearn.ModelSelection;

/// <summary>A search or cross-validation failed because of fit errors (error_score = raise, or every fit failed).</summary>
public sealed class SearchFitException(string message) : Exception(message);
