using Todo.ReadModel;
using System.Collections.Concurrent;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Todo.Store.Events;
using Todo.Store.Parked;
using Todo.Store.ReadTable;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Lambda.Core;
using Todo.Lambda.DynamoDBEvents;
using Todo.Local;
using Todo.Projections;
using Todo.Tests.Deployment;
using Todo.Tests.Support;

namespace Todo.Tests.Projections;

/// <summary>
/// The projector on batches of many todos against DynamoDB Local: each todo in order, todos
/// concurrently, runs of one todo as one write, and failures that hold back only their own todo.
/// The records are made here for todos of their own, which the events table (and so the app's own
/// stream reader) never sees.
/// </summary>
[Slow]
public sealed class BatchProjectionTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static long sequence = 800_000_000_000_000_000;
    private readonly RecordingHttpClientFactory recorder = new();
    private AmazonDynamoDBClient? client;

    public void Dispose() => client?.Dispose();

    /// <summary>A client of the app's engine that writes down each call, to count the projector's writes.</summary>
    private AmazonDynamoDBClient Client => client ??= new AmazonDynamoDBClient(
        new BasicAWSCredentials(LocalAws.AccessKey, LocalAws.SecretKey),
        new AmazonDynamoDBConfig { ServiceURL = fixture.App.DynamoDbUrl.ToString(), AuthenticationRegion = LocalAws.Region, HttpClientFactory = recorder });

    [Fact]
    public async Task Interleaved_batches_of_many_todos_leave_each_todo_as_the_fold_of_its_events()
    {
        var random = new Random(9);
        var histories = Enumerable.Range(0, 60).Select(_ => History(random, random.Next(1, 9))).ToList();
        var records = Interleave(random, histories);

        var failures = new List<string?>();
        for (var taken = 0; taken < records.Count; )
        {
            var size = Math.Min(random.Next(1, 70), records.Count - taken);
            failures.AddRange(await ProjectAsync(records.GetRange(taken, size)));
            taken += size;
        }

        Assert.Empty(failures);
        foreach (var history in histories)
            AssertFold(history, await ItemAsync(history[0].TodoId));
    }

    public static TheoryData<string> Histories => ["C", "CT", "CTK", "CX", "CTKX", "CKRTKR", "CTTTT", "CKRKRX"];

    [Theory]
    [MemberData(nameof(Histories))]
    public async Task Consecutive_events_of_a_todo_are_one_write_that_leaves_the_item_as_one_by_one_does(string kinds)
    {
        var oneByOne = History(kinds);
        var together = History(kinds);

        foreach (var stored in oneByOne)
            Assert.Empty(await ProjectAsync([Record(stored)]));
        recorder.Calls.Clear();
        Assert.Empty(await ProjectAsync([.. together.Select(Record)]));

        Assert.Equal(1, Writes());
        Assert.Equal(await CanonicalAsync(oneByOne[0].TodoId), await CanonicalAsync(together[0].TodoId));
        AssertFold(together, await ItemAsync(together[0].TodoId));
    }

    [Fact]
    public async Task A_todo_whose_record_cannot_be_read_is_parked_from_there_in_order_while_the_other_todos_are_applied()
    {
        var (x, y, z) = (History("CTK"), History("CT"), History("C"));
        var unreadable = Unreadable(x[1]);
        var batch = new List<DynamoDBEvent.DynamodbStreamRecord> { Record(x[0]), Record(y[0]), unreadable, Record(y[1]), Record(z[0]), Record(x[2]) };

        Assert.Empty(await ProjectAsync(batch));

        var item = await ItemAsync(x[0].TodoId);
        Assert.Equal(1, TodoTable.VersionOf(item));
        Assert.True(item.ContainsKey(TodoTable.ParkedAt));
        var parked = await Parked.OfTodoAsync(x[0].TodoId, CancellationToken.None);
        Assert.Equal([2L, 3L], parked.Select(p => p.Version));
        Assert.Equal([unreadable.Dynamodb!.SequenceNumber, batch[5].Dynamodb!.SequenceNumber], parked.Select(p => p.SequenceNumber));
        Assert.StartsWith("cannot decode: Unknown event type 'TodoArchived'", parked[0].Reason);
        Assert.Equal("parked behind version 2", parked[1].Reason);
        AssertFold(y, await ItemAsync(y[0].TodoId));
        AssertFold(z, await ItemAsync(z[0].TodoId));

        // Delivered again, now readable: the todo stays parked, its read item as it was, until it is redriven.
        var before = await CanonicalAsync(x[0].TodoId);
        Assert.Empty(await ProjectAsync([.. batch.Select(r => r == unreadable ? Readable(r, x[1]) : r)]));
        Assert.Equal(before, await CanonicalAsync(x[0].TodoId));
        Assert.Equal([2L, 3L], (await Parked.OfTodoAsync(x[0].TodoId, CancellationToken.None)).Select(p => p.Version));
    }

    [Fact]
    public async Task A_record_that_carries_no_state_parks_its_todo_from_there_while_the_other_todos_are_applied()
    {
        var (x, y) = (History("CTK"), History("CT"));
        var stateless = Record(x[1]);
        stateless.Dynamodb!.NewImage!.Remove(EventTable.State);

        Assert.Empty(await ProjectAsync([Record(x[0]), stateless, Record(y[0]), Record(x[2]), Record(y[1])]));

        Assert.Equal(1, TodoTable.VersionOf(await ItemAsync(x[0].TodoId)));
        var parked = await Parked.OfTodoAsync(x[0].TodoId, CancellationToken.None);
        Assert.Equal([2L, 3L], parked.Select(p => p.Version));
        Assert.Equal("carries no state: a replay folds its stream", parked[0].Reason);
        AssertFold(y, await ItemAsync(y[0].TodoId));
    }

    [Fact]
    public async Task A_gap_is_retried_while_it_is_young_and_parks_its_todo_once_older_than_the_timeout()
    {
        var (young, old) = (History("CTK"), History("CTK"));
        Assert.Empty(await ProjectAsync([Record(young[0]), Record(old[0])]));
        var youngGap = Record(young[2]);
        youngGap.Dynamodb!.ApproximateCreationDateTime = DateTimeOffset.UtcNow.AddSeconds(-10);
        var oldGap = Record(old[2]);
        oldGap.Dynamodb!.ApproximateCreationDateTime = DateTimeOffset.UtcNow - GapTimeout - TimeSpan.FromSeconds(1);

        var failures = await ProjectAsync([youngGap, oldGap]);

        Assert.Equal([youngGap.Dynamodb.SequenceNumber], failures);
        Assert.False((await ItemAsync(young[0].TodoId)).ContainsKey(TodoTable.ParkedAt));
        Assert.Empty(await Parked.OfTodoAsync(young[0].TodoId, CancellationToken.None));
        var parked = Assert.Single(await Parked.OfTodoAsync(old[0].TodoId, CancellationToken.None));
        Assert.Equal(3, parked.Version);
        Assert.StartsWith("gap: the read item is at version 1, the event follows version 2, for ", parked.Reason);
        Assert.True((await ItemAsync(old[0].TodoId)).ContainsKey(TodoTable.ParkedAt));
    }

    [Fact]
    public async Task A_whole_batch_delivered_again_changes_nothing()
    {
        var random = new Random(7);
        var histories = Enumerable.Range(0, 30).Select(_ => History(random, random.Next(1, 7))).ToList();
        var batch = Interleave(random, histories);
        Assert.Empty(await ProjectAsync(batch));
        var before = await Task.WhenAll(histories.Select(h => CanonicalAsync(h[0].TodoId)));

        Assert.Empty(await ProjectAsync(batch));

        Assert.Equal(before, await Task.WhenAll(histories.Select(h => CanonicalAsync(h[0].TodoId))));
    }

    [Fact]
    public async Task A_run_delivered_again_after_its_first_events_were_applied_writes_the_rest_on_top()
    {
        var history = History("CTKRT");
        Assert.Empty(await ProjectAsync([.. history.Take(2).Select(Record)]));
        recorder.Calls.Clear();

        Assert.Empty(await ProjectAsync([.. history.Select(Record)]));

        AssertFold(history, await ItemAsync(history[0].TodoId));
        Assert.Equal(1, Writes()); // the state after version 5, on top of version 2
    }

    [Fact]
    public async Task A_record_of_no_todo_that_can_be_told_holds_back_every_record_after_it()
    {
        var (x, y) = (History("CT"), History("C"));
        var nameless = Record(x[1]);
        nameless.Dynamodb!.Keys = null;
        nameless.Dynamodb.NewImage = null;
        var later = Record(y[0]);

        var failures = await ProjectAsync([Record(x[0]), nameless, later]);

        Assert.Equal([nameless.Dynamodb.SequenceNumber, later.Dynamodb!.SequenceNumber], failures);
        Assert.Equal(1, TodoTable.VersionOf(await ItemAsync(x[0].TodoId)));
        Assert.Empty(await ItemAsync(y[0].TodoId));
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(1000, false)]
    [InlineData(1500, true)]
    public async Task A_write_that_commits_over_a_second_after_its_stamp_is_stamped_again_once(int writeMilliseconds, bool again)
    {
        var id = Guid.NewGuid();
        var step = TimeSpan.FromMilliseconds(writeMilliseconds);
        var writer = new ReadModelWriter(Client, fixture.TodosTable, new SteppingClock(Start, step));
        recorder.Calls.Clear();

        var result = await writer.ApplyAsync(ReadModelChange.Of(id, new Snapshot(new TodoState.Live("slow", false, Start, null), 1)), CancellationToken.None);

        Assert.True(result.Written);
        // The clock is read at the stamp, after the write, and for the new stamp.
        Assert.Equal(again ? 2 : 1, Writes());
        Assert.Equal(TodoTable.ChangeKeyOf(id, again ? Start + step * 2 : Start), (await ItemAsync(id))[TodoTable.ChangeKey].S);
        Assert.Equal("slow", (await ItemAsync(id))[TodoTable.Text].S);
    }

    /// <summary>A clock each reading of which is <paramref name="step"/> after the one before: each write takes that long.</summary>
    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private DateTimeOffset next = start;

        public override DateTimeOffset GetUtcNow()
        {
            var now = next;
            next += step;
            return now;
        }
    }

    // --- histories, records and the read items they give ---

    private async Task<List<string?>> ProjectAsync(List<DynamoDBEvent.DynamodbStreamRecord> records)
    {
        // A clock that stands still: every write stamps the same time, so two items written apart compare.
        var writer = new ReadModelWriter(Client, fixture.TodosTable, new SteppingClock(Start, TimeSpan.Zero));
        var projector = new ProjectorFunction(writer, new Quarantine(new ParkedStore(Client, fixture.ParkedTable), writer, GapTimeout, TimeProvider.System), concurrency: 8);
        var context = new LambdaContext(Guid.NewGuid().ToString(), LocalAws.FunctionArn("Projector"), DateTimeOffset.UtcNow.AddMinutes(1), null);
        var response = await projector.HandleAsync(new DynamoDBEvent { Records = records }, context, CancellationToken.None);
        return [.. response.BatchItemFailures.Select(f => f.ItemIdentifier)];
    }

    private static readonly TimeSpan GapTimeout = TimeSpan.FromMinutes(5);

    private ParkedStore Parked => new(fixture.App.DynamoDb, fixture.ParkedTable);

    private int Writes() => recorder.Calls.Count(c => c.Action == "dynamodb:UpdateItem");

    /// <summary>A todo's events by letter: C created, T text changed, K completed, R reopened, X deleted.</summary>
    private static List<StoredEvent> History(string kinds)
    {
        var id = Guid.NewGuid();
        var state = TodoState.Initial;
        var history = new List<StoredEvent>();
        foreach (var (kind, i) in kinds.Select((kind, i) => (kind, i)))
        {
            var stored = Stored(id, i + 1, kind switch
            {
                'C' => new TodoCreated("first", Start.AddSeconds(i)),
                'T' => new TodoTextChanged($"text {i + 1}"),
                'K' => new TodoCompleted(),
                'R' => new TodoReopened(),
                'X' => new TodoDeleted(),
                _ => throw new ArgumentOutOfRangeException(nameof(kinds), kind, "No such event letter."),
            });
            StatesAfter[(id, stored.Version)] = state = TodoDecider.Evolve(state, stored.Event);
            history.Add(stored);
        }
        return history;
    }

    /// <summary>The state each history's event leaves its todo in, which its item carries as the command side writes it.</summary>
    private static readonly ConcurrentDictionary<(Guid TodoId, long Version), TodoState> StatesAfter = new();

    private static List<StoredEvent> History(Random random, int length)
    {
        var kinds = "C" + new string([.. Enumerable.Range(1, length - 1).Select(_ => "TKR"[random.Next(3)])]);
        return History(random.Next(5) == 0 ? kinds + "X" : kinds);
    }

    private static StoredEvent Stored(Guid id, long version, TodoEvent @event) =>
        new(id, version, @event, Start.AddSeconds(version), $"command-{version}");

    /// <summary>Every todo's events in its own order, the todos shuffled among each other, as a stream gives them.</summary>
    private static List<DynamoDBEvent.DynamodbStreamRecord> Interleave(Random random, List<List<StoredEvent>> histories)
    {
        var queues = histories.Select(h => new Queue<StoredEvent>(h)).ToList();
        var records = new List<DynamoDBEvent.DynamodbStreamRecord>();
        while (queues.Count > 0)
        {
            var queue = queues[random.Next(queues.Count)];
            records.Add(Record(queue.Dequeue()));
            if (queue.Count == 0)
                queues.Remove(queue);
        }
        return records;
    }

    private static DynamoDBEvent.DynamodbStreamRecord Record(StoredEvent stored) => new()
    {
        EventID = Guid.NewGuid().ToString("N"),
        EventName = "INSERT",
        EventSource = "aws:dynamodb",
        AwsRegion = LocalAws.Region,
        Dynamodb = new DynamoDBEvent.StreamRecord
        {
            Keys = new()
            {
                [EventTable.TodoId] = new AttributeValue { S = stored.TodoId.ToString() },
                [EventTable.Version] = new AttributeValue { N = stored.Version.ToString(CultureInfo.InvariantCulture) },
            },
            NewImage = EventCodec.ToItem(stored, StatesAfter[(stored.TodoId, stored.Version)]),
            SequenceNumber = Interlocked.Increment(ref sequence).ToString("D21", CultureInfo.InvariantCulture),
            StreamViewType = "NEW_IMAGE",
        },
    };

    /// <summary>The record of <paramref name="stored"/> with an event type this code does not know.</summary>
    private static DynamoDBEvent.DynamodbStreamRecord Unreadable(StoredEvent stored)
    {
        var record = Record(stored);
        record.Dynamodb!.NewImage![EventTable.Type] = new AttributeValue { S = "TodoArchived" };
        return record;
    }

    /// <summary>The same record, its sequence number kept, now readable.</summary>
    private static DynamoDBEvent.DynamodbStreamRecord Readable(DynamoDBEvent.DynamodbStreamRecord record, StoredEvent stored)
    {
        var fixedRecord = Record(stored);
        fixedRecord.Dynamodb!.SequenceNumber = record.Dynamodb!.SequenceNumber;
        return fixedRecord;
    }

    private async Task<Dictionary<string, AttributeValue>> ItemAsync(Guid id) =>
        (await fixture.App.DynamoDb.GetItemAsync(new GetItemRequest { TableName = fixture.TodosTable, Key = TodoTable.Key(TodoTable.DefaultList, id), ConsistentRead = true })).Item ?? [];

    /// <summary>The item as text with its own id left out, so two todos' items compare.</summary>
    private async Task<string> CanonicalAsync(Guid id) =>
        string.Join(";", (await ItemAsync(id)).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{a.Key}={a.Value.S ?? a.Value.N ?? a.Value.BOOL?.ToString()}".Replace(id.ToString(), "{id}", StringComparison.Ordinal)));

    private static void AssertFold(List<StoredEvent> history, Dictionary<string, AttributeValue> item)
    {
        var id = history[0].TodoId;
        var version = history[^1].Version;
        Assert.NotEmpty(item);
        Assert.Equal(version, TodoTable.VersionOf(item));
        switch (TodoDecider.Fold(history.Select(e => e.Event)))
        {
            case TodoState.Live live:
                Assert.Equal(new TodoView(id, live.Text, live.Completed, live.CreatedAt, version), TodoTable.FromItem(item));
                Assert.Equal(TodoTable.SortKey(id, live.CreatedAt), item[TodoTable.CreatedAtKey].S);
                break;
            case TodoState.Deleted:
                Assert.Null(TodoTable.FromItem(item));
                Assert.False(item.ContainsKey(TodoTable.CreatedAtKey));
                break;
            default:
                Assert.Fail("The history leaves no todo.");
                break;
        }
    }
}
