using System.Text.Json;

namespace OrleansDirect.Gateway.Protocol;

/// <summary>
/// A parsed client frame: its <c>type</c>, optional request <c>id</c>, and typed accessors that throw
/// <see cref="FrameException"/> naming the offending field. Unknown extra fields are ignored.
/// </summary>
public sealed class ClientFrame
{
    public const int MaxRequestIdLength = 64;

    private readonly JsonElement _root;
    private readonly string _prefix;

    private ClientFrame(JsonElement root, string type, string? id, string prefix = "")
    {
        _root = root;
        Type = type;
        Id = id;
        _prefix = prefix;
    }

    public string Type { get; }

    public string? Id { get; }

    /// <summary>Parses one UTF-8 JSON document; anything after it is an error.</summary>
    public static ClientFrame Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 8 });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new FrameException(ErrorCodes.BadJson, "The frame is not valid JSON.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FrameException(ErrorCodes.BadJson, "A frame must be a JSON object.");
        }

        // The request id is read first so that even a frame with a bad type can be answered with replyTo.
        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 and <= MaxRequestIdLength } idValue)
            {
                throw new FrameException(ErrorCodes.InvalidField, $"'id' must be a string of 1 to {MaxRequestIdLength} characters.", "id");
            }

            id = idValue;
        }

        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new FrameException(ErrorCodes.InvalidField, "'type' is required and must be a string.", "type") { ReplyTo = id };
        }

        return new ClientFrame(root, typeElement.GetString()!, id);
    }

    public string RequiredString(string name, int maxLength)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(name, "is required and must be a string");
        }

        var text = value.GetString()!;
        return text.Length <= maxLength ? text : throw Invalid(name, $"must be at most {maxLength} characters");
    }

    public string? OptionalString(string name, int maxLength)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(name, "must be a string");
        }

        var text = value.GetString()!;
        return text.Length <= maxLength ? text : throw Invalid(name, $"must be at most {maxLength} characters");
    }

    public long RequiredSeq(string name) =>
        OptionalSeq(name) ?? throw Invalid(name, "is required and must be a non-negative integer");

    public long? OptionalSeq(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw Invalid(name, "must be a non-negative integer");
    }

    public int OptionalInt(string name, int defaultValue, int min, int max)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return defaultValue;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw Invalid(name, $"must be an integer from {min} to {max}");
    }

    /// <summary>An optional object whose values are non-negative integers, e.g. sync cursors.</summary>
    public IReadOnlyDictionary<string, long> OptionalSeqMap(string name, int maxEntries, int maxKeyLength)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return new Dictionary<string, long>();
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(name, "must be an object mapping conversation ids to sequence numbers");
        }

        Dictionary<string, long> map = [];
        foreach (var property in value.EnumerateObject())
        {
            if (map.Count == maxEntries)
            {
                throw Invalid(name, $"may hold at most {maxEntries} entries");
            }

            if (property.Name.Length > maxKeyLength || property.Value.ValueKind != JsonValueKind.Number
                || !property.Value.TryGetInt64(out var seq) || seq < 0)
            {
                throw Invalid(name, "must map conversation ids to non-negative integers");
            }

            map[property.Name] = seq;
        }

        return map;
    }

    public bool RequiredBool(string name) => OptionalBool(name) ?? throw Invalid(name, "is required and must be true or false");

    public bool? OptionalBool(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(name, "must be true or false"),
        };
    }

    /// <summary>An optional array of strings (empty when absent).</summary>
    public IReadOnlyList<string> OptionalStringList(string name, int maxCount, int maxLength)
    {
        List<string> items = [];
        foreach (var item in OptionalArray(name, maxCount))
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length > maxLength)
            {
                throw Invalid(name, $"must hold strings of at most {maxLength} characters");
            }

            items.Add(item.GetString()!);
        }

        return items;
    }

    /// <summary>An optional array of sequence numbers (empty when absent).</summary>
    public IReadOnlyList<long> OptionalSeqList(string name, int maxCount)
    {
        List<long> items = [];
        foreach (var item in OptionalArray(name, maxCount))
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var seq) || seq < 1)
            {
                throw Invalid(name, "must hold positive integers");
            }

            items.Add(seq);
        }

        return items;
    }

    /// <summary>An optional nested object, read with the same accessors; errors name the field as <c>outer.inner</c>.</summary>
    public ClientFrame? OptionalObject(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? new ClientFrame(value, Type, Id, $"{_prefix}{name}.") : throw Invalid(name, "must be an object");
    }

    private List<JsonElement> OptionalArray(string name, int maxCount)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(name, "must be an array");
        }

        var items = value.EnumerateArray().ToList();
        return items.Count <= maxCount ? items : throw Invalid(name, $"may hold at most {maxCount} items");
    }

    private FrameException Invalid(string field, string problem) =>
        new(ErrorCodes.InvalidField, $"'{_prefix}{field}' {problem}.", _prefix + field) { ReplyTo = Id };
}
